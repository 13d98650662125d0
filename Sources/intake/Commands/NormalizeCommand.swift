import IntakeChannels
import IntakeCore

/// `intake normalize`: raw payloads → the normalized-message contract, as one JSON array.
enum NormalizeCommand: Command {
    static let name = "normalize"
    static let abstract = "Print the normalized messages of raw payloads as one JSON array."
    static let help = """
        Usage: intake normalize --channel slack|whatsapp|email|phone FILE... (`-` reads standard input)

        Reads each payload as the platform sends it (Slack event JSON or slash-command form, WhatsApp Cloud
        JSON or Twilio form, an .eml, a CDR CSV / call-log JSON / CTI event array) and prints all messages
        of all files, in order, as one JSON array. No signature is checked. A file that is not what the
        channel expects is reported on standard error and the exit status is 1; the other files are still
        printed. A CDR row that cannot be read is reported on standard error as `FILE: line N: reason`, as
        `cdr import` reports it; the file's other rows are printed and the exit status stays 0.

          --channel C     the channel the files come from
          --compact       one line instead of pretty-printed JSON
          --config FILE   read the payloads as `serve` would with this configuration: our own mail
                          addresses (a list that is ours, acknowledgements), our Slack bot, staff and
                          customer bots, the PBX's time zone and country. Without it, the defaults:
                          the output does not depend on a deployment's file.
        """
    static let spec = Arguments.Spec(valueOptions: ["channel", "config"], flags: ["compact"])

    static func run(_ args: Arguments) throws -> Int32 {
        let channel = try Runtime.channel(args)
        guard !args.positionals.isEmpty else { throw UsageError("give at least one FILE (or - for standard input)") }
        let config = args.value("config") == nil ? GatewayConfig() : try Runtime.config(args).config
        let adapter = ChannelAdapters.adapter(for: channel, config: config)
        var all: [JSONValue] = []
        var status = ExitStatus.ok
        for path in args.positionals {
            do {
                let bytes = try Runtime.read(path)
                let messages = try messages(of: RawPayload(bytes: bytes, source: path), path: path, adapter: adapter)
                all.append(contentsOf: messages.map(\.json))
            } catch {
                printError("intake normalize: \(path): \(error)")
                status = ExitStatus.failure
            }
        }
        writeOut(JSONWriter.string(.array(all), pretty: !args.has("compact")) + "\n")
        return status
    }

    /// The messages of one payload; for the phone channel, each CDR row it could not read is reported on
    /// standard error, so an operator checking an export sees which rows `cdr import` would skip.
    private static func messages(of payload: RawPayload, path: String, adapter: any ChannelAdapter) throws -> [InboundMessage] {
        guard let phone = adapter as? PhoneAdapter else { return try adapter.normalize(payload) }
        let report = try phone.normalizeReportingRows(payload)
        for error in report.rowErrors { printError("\(path): \(error)") }
        return report.messages
    }
}
