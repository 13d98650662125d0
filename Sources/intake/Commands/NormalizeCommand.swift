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
        printed.

          --channel C     the channel the files come from
          --compact       one line instead of pretty-printed JSON
        """
    static let spec = Arguments.Spec(valueOptions: ["channel"], flags: ["compact"])

    static func run(_ args: Arguments) throws -> Int32 {
        let channel = try Runtime.channel(args)
        guard !args.positionals.isEmpty else { throw UsageError("give at least one FILE (or - for standard input)") }
        let adapter = ChannelAdapters.adapter(for: channel)
        var all: [JSONValue] = []
        var status = ExitStatus.ok
        for path in args.positionals {
            do {
                let bytes = try Runtime.read(path)
                let messages = try adapter.normalize(RawPayload(bytes: bytes, source: path))
                all.append(contentsOf: messages.map(\.json))
            } catch {
                printError("intake normalize: \(path): \(error)")
                status = ExitStatus.failure
            }
        }
        writeOut(JSONWriter.string(.array(all), pretty: !args.has("compact")) + "\n")
        return status
    }
}
