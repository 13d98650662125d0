import IntakeMIME
import XCTest

final class QuoteStripperTests: XCTestCase {
    func testStripsQuotedHistoryAndSignatures() {
        let table: [(String, String)] = [
            ("Gracias.\n\nEl lun, 3 jun 2024 a las 10:20, Soporte <s@x.com> escribió:\n> texto", "Gracias."),
            ("Thanks.\n\nOn Mon, Jun 3, 2024 at 10:20 AM Support <s@x.com> wrote:\n> text", "Thanks."),
            ("Thanks.\n\nOn Mon, Jun 3, 2024 at 10:20 AM Support <s@x.com>\nwrote:\n\n> text", "Thanks."),
            ("Ok.\n\n________________________________\nDe: Soporte <s@x.com>\nEnviado: lunes\nPara: Yo\nAsunto: Re: X\n\nviejo", "Ok."),
            ("Ok.\n\nFrom: Support <s@x.com>\nSent: Monday\nTo: Me\nSubject: X\n\nold", "Ok."),
            ("Ok.\n\nVon: Support <s@x.com>\nGesendet: Montag, 7. Mai 2012 08:10\nAn: Ich\nBetreff: X\n\nalt", "Ok."),
            ("Ok.\n\n-----Original Message-----\nFrom: x\nold", "Ok."),
            ("Ok.\nDe: \"Soporte\" <s@x.com>\nPara: \"Ana\" <a@x.com>\nEnviados: Miércoles, 5 de Junio 2024 10:00:00\nAsunto: Re: X\n\nviejo", "Ok."),
            ("Ok.\nDe: \"Suporte\" <s@x.com>\nPara: \"Ana\" <a@x.com>\nEnviadas: Quarta-feira, 5 de junho de 2024 10:00:00\nAssunto: Re: X\n\nantigo", "Ok."),
            ("Ok.\n\n-----Mensaje original-----\nDe: x\nviejo", "Ok."),
            ("Texto.\n\n-- \nFirma\nCargo", "Texto."),
            ("Texto.\n\nEnviado desde mi iPhone", "Texto."),
            ("Text.\n\nSent from my iPhone\n\n> On ... wrote:", "Text."),
            ("Respuesta 1\n> pregunta 1\nRespuesta 2\n> pregunta 2", "Respuesta 1\nRespuesta 2"),
            ("Sin nada que quitar.\nSegunda línea.", "Sin nada que quitar.\nSegunda línea."),
            ("> todo citado\n> nada propio", "> todo citado\n> nada propio"),
            ("De: alguien sin bloque\nresto", "De: alguien sin bloque\nresto"),
            ("---------- Forwarded message ---------\nFrom: a\nDate: b\nSubject: c\n\ncontenido", "---------- Forwarded message ---------\nFrom: a\nDate: b\nSubject: c\n\ncontenido"),
        ]
        for (input, expected) in table {
            XCTAssertEqual(QuoteStripper.strip(input), expected, input)
        }
    }

    /// A reply written under the quote (Thunderbird's bottom-posting, answers between quoted lines) kept
    /// the attribution and the quote in the ticket: with nothing above the reply header, the sender's own
    /// lines after the quote are the note.
    func testAnAnswerBelowTheQuoteIsTheNote() {
        let table: [(String, String)] = [
            ("On 04/02/2012 06:26 PM, Megan One wrote:\n> Hi\nHello", "Hello"),
            ("Am 07.05.2012 08:10, schrieb Martin Edenhofer via Znuny Team:\n> Hallo Marc,\n>\n> super!\n\nHallo Martin,\nFreitag geht.",
             "Hallo Martin,\nFreitag geht."),
            ("El 24/11/2026 a las 10:05, Soporte escribió:\n> ¿Pudieron reiniciar el servidor?\n\nSí, pero sigue sin audio.\n\n-- \nAna Ruiz\nACME",
             "Sí, pero sigue sin audio."),
            ("On Mon, Jun 3, 2024 at 10:20 AM Support <s@x.com>\nwrote:\n> Which queue?\nVentas.\n> And since when?\nDesde las 9.",
             "Ventas.\nDesde las 9."),
            // Not quoted: the original under an Outlook block cannot be told from an answer; all is kept.
            ("From: Support <s@x.com>\nSent: Monday\nTo: Me\nSubject: X\n\nold", "From: Support <s@x.com>\nSent: Monday\nTo: Me\nSubject: X\n\nold"),
            // Only the quote: nothing of the sender's to keep, so the text stays as it came.
            ("On Mon, Jun 3, 2024 at 10:20 AM Support <s@x.com> wrote:\n> text", "On Mon, Jun 3, 2024 at 10:20 AM Support <s@x.com> wrote:\n> text"),
        ]
        for (input, expected) in table {
            XCTAssertEqual(QuoteStripper.strip(input), expected, input)
        }
    }

    /// Yahoo Mail in Spanish heads the quoted message with `En <día>, <fecha>, <hora>, <nombre> escribió:`
    /// (the history follows unquoted), which was kept whole in the ticket. A sentence that starts with
    /// `En` and ends in `escribió:` but holds no date is the customer's own text.
    func testYahooSpanishReplyHeader() {
        let table: [(String, String)] = [
            ("Gracias, ya funciona.\n\nEn lunes, 3 de junio de 2024, 10:20:15 ART, Soporte <s@x.com> escribió:\n\n\nHola, probá reiniciar.",
             "Gracias, ya funciona."),
            ("Listo.\n\nEn martes, 4 de junio de 2024 09:02, Ana Ruiz <ana@x.com> escribió:\n> viejo", "Listo."),
            ("En el chat el cliente escribió:\nno anda el portal", "En el chat el cliente escribió:\nno anda el portal"),
            // The customer's line above the header, starting with `El` as a header does, is not the header's
            // first half: read so, the whole mail was history and nothing was stripped.
            ("El pedido 4411 no llegó todavía.\nEn miércoles, 5 de junio de 2024, 10:00:00 ART, Soporte <s@x.com> escribió:\n\n¿Número?",
             "El pedido 4411 no llegó todavía."),
            ("Em anexo o boleto.\nEm qua., 5 de jun. de 2024 às 10:00, Suporte <s@x.com> escreveu:\n> antigo", "Em anexo o boleto."),
        ]
        for (input, expected) in table {
            XCTAssertEqual(QuoteStripper.strip(input), expected, input)
        }
    }

    /// An Outlook header block whose labels and values are lines of their own (an HTML block of one element
    /// each), or whose `Cc:` Outlook wrapped, put the subject more than five lines below `De:`: kept whole.
    func testALongHeaderBlockIsHistory() {
        let table: [(String, String)] = [
            ("Sigue igual.\nDe:\nSoporte <s@x.com>\nEnviado:\nmiércoles, 5 de junio de 2024 10:00\nPara:\nAna <a@x.com>\nCC:\nJefe <j@x.com>\nAsunto:\nRe: X\n\nviejo",
             "Sigue igual."),
            ("Still down.\nFrom: Support <s@x.com>\nSent: Wednesday, June 5, 2024 10:00 AM\nTo: Ann <a@x.com>\nCc: a1@x.com; a2@x.com;\na3@x.com; a4@x.com;\na5@x.com; a6@x.com;\na7@x.com\nSubject: RE: X\n\nold",
             "Still down."),
        ]
        for (input, expected) in table {
            XCTAssertEqual(QuoteStripper.strip(input), expected, input)
        }
    }

    /// Outlook's plain alternative writes an inline image (a signature's logo) as `[cid:image001.png@...]` on a
    /// line of its own: it stayed in the ticket's text.
    func testAnInlineImagePlaceholderIsNoText() {
        let table: [(String, String)] = [
            ("No anda el VPN.\n\nSaludos,\nAna Souza\n[cid:image001.png@01DAB7C2.5E8F3A10]\nTel. 4444-5555", "No anda el VPN.\n\nSaludos,\nAna Souza\nTel. 4444-5555"),
            ("Ver [cid:x] en el texto", "Ver [cid:x] en el texto"),
        ]
        for (input, expected) in table {
            XCTAssertEqual(QuoteStripper.strip(input), expected, input)
        }
    }

    /// A line ending as a reply header does, with a quote right below it, heads the history whatever its
    /// form (Thunderbird's `Soporte Acme escribió:` has no date); it stayed in the ticket. Without a quote
    /// below, such a line is the customer's.
    func testAnAttributionAboveAQuoteIsHistory() {
        let table: [(String, String)] = [
            ("La VPN se corta.\n\nSoporte Acme escribió:\n> ¿Qué versión usa?", "La VPN se corta."),
            ("The VPN drops.\n\nAcme Support wrote:\n\n> Which version?\n> Thanks", "The VPN drops."),
            ("O cliente escreveu:\nnão abre o caixa", "O cliente escreveu:\nnão abre o caixa"),
        ]
        for (input, expected) in table {
            XCTAssertEqual(QuoteStripper.strip(input), expected, input)
        }
    }

    /// Zoho Mail writes its reply header between dashes, without the colon, above history it does not
    /// quote with `>`: the whole history stayed in the ticket. Horde's `Citando a ...:` above its quote
    /// stayed as the ticket's last line.
    func testZohoAndHordeReplyHeaders() {
        let table: [(String, String)] = [
            ("Sigue igual.\n\n---- On Mon, 03 Jun 2024 10:15:00 -0300 Soporte <s@x.com> wrote ----\n\nHola Juan,\nviejo",
             "Sigue igual."),
            ("Sigue igual.\n\n---- El lun, 03 jun 2024 10:15:00 -0300 Soporte <s@x.com> escribió ----\n\nHola Juan,\nviejo",
             "Sigue igual."),
            ("Sigue igual.\n\n---- Em seg, 03 jun 2024 10:15:00 -0300 Soporte <s@x.com> escreveu ----\nviejo", "Sigue igual."),
            ("Pasos:\n---- Nota ----\nreiniciar", "Pasos:\n---- Nota ----\nreiniciar"),
            ("Sigue igual.\n\nCitando a Soporte <s@x.com>:\n\n> Hola Juan,\n> viejo", "Sigue igual."),
            ("Still broken.\n\nQuoting Soporte <s@x.com>:\n\n> Hi,\n> old", "Still broken."),
            ("Citando a Borges:\nnada es verdad", "Citando a Borges:\nnada es verdad"),
        ]
        for (input, expected) in table {
            XCTAssertEqual(QuoteStripper.strip(input), expected, input)
        }
    }

    /// Lotus Notes puts the date after the verb: `"Soporte" <s@x.com> wrote on 06/03/2024 10:20:33 AM:` and
    /// in Spanish `Soporte <s@x.com> escribió el 03/06/2024 10:20:33:`; the line stayed in the ticket.
    func testLotusNotesReplyHeader() {
        let table: [(String, String)] = [
            ("Thanks.\n\n\"Soporte\" <s@x.com> wrote on 06/03/2024 10:20:33 AM:\n\n> old", "Thanks."),
            ("Gracias.\n\nSoporte <s@x.com> escribió el 03/06/2024 10:20:33:\n\n> viejo", "Gracias."),
            ("Mi jefe escribió el informe:\nadjunto", "Mi jefe escribió el informe:\nadjunto"),
        ]
        for (input, expected) in table {
            XCTAssertEqual(QuoteStripper.strip(input), expected, input)
        }
    }

    /// Lotus Notes marks a forward with `----- Forwarded by Name/ORG on <date> -----` (Spanish: `Reenviado
    /// por ... con fecha ...`) and then a `De:`/`Fecha:`/`Asunto:` block: the block was taken for quoted
    /// history and the forwarded request cut from the ticket.
    func testLotusNotesForwardIsKept() {
        let forwarded = "De:     Carlos Diaz/CLIENTE\nPara:   Maria Lopez/CLIENTE@CLIENTE\nFecha:  03/06/2024 09:40\n"
            + "Asunto: Problema con la interfaz\n\nLa interfaz de pedidos devuelve timeout."
        let table: [String] = [
            "Les reenvio esto.\n\n----- Reenviado por Maria Lopez/CLIENTE con fecha 03/06/2024 09:58 -----\n\n" + forwarded,
            "FYI\n\n----- Forwarded by Maria Lopez/CLIENTE/AR on 06/03/2024 09:58 AM -----\n\n" + forwarded,
        ]
        for input in table {
            XCTAssertEqual(QuoteStripper.strip(input), input, input)
        }
    }

    /// A forward is the request: an Outlook forward (`RV:`) has no marker, only the header block a reply
    /// has, and an iPhone puts its trailer above `Inicio del mensaje reenviado:`; both cut the forwarded
    /// message from the ticket, leaving `Para su atención.`.
    func testAForwardedMessageIsKeptAfterTheNote() {
        let outlook = "Para su atención.\n\n________________________________\nDe: Ana <ana@c.com>\n"
            + "Enviado: lunes, 3 de junio de 2024 09:40\nPara: Jefe <j@c.com>\nAsunto: Error al facturar\n\nError 1204."
        let table: [(String, String, Bool, String)] = [
            ("Outlook forward", outlook, true, outlook),
            ("the same block on a reply is history", outlook, false, "Para su atención."),
            ("iPhone trailer above the marker",
             "Para su atención.\n\nEnviado desde mi iPhone\n\nInicio del mensaje reenviado:\n\nDe: Ana <ana@c.com>\nAsunto: Error\n\nError 1204.",
             false, "Para su atención.\n\nInicio del mensaje reenviado:\n\nDe: Ana <ana@c.com>\nAsunto: Error\n\nError 1204."),
            ("signature above the marker",
             "Mirá esto.\n-- \nJefe\n\n---------- Forwarded message ---------\nFrom: Ana\n\nError 1204.",
             false, "Mirá esto.\n\n---------- Forwarded message ---------\nFrom: Ana\n\nError 1204."),
            ("apple mail quotes what it forwards",
             "Vean esto.\n\n> Begin forwarded message:\n> \n> From: Ana <ana@c.com>\n> Subject: Error\n> \n> Error 1204.\n>> viejo",
             true, "Vean esto.\n\nBegin forwarded message:\n\nFrom: Ana <ana@c.com>\nSubject: Error\n\nError 1204."),
            ("an iPhone's HTML quotes the message under an unquoted marker",
             "Vean esto.\n\nInicio del mensaje reenviado:\n\n> De: Ana <ana@c.com>\n> Asunto: Error\n\n> Error 1204.\n> > viejo",
             true, "Vean esto.\n\nInicio del mensaje reenviado:\n\nDe: Ana <ana@c.com>\nAsunto: Error\n\nError 1204."),
            ("a reply's history before a marker stays cut",
             "Gracias.\n\nEl lun, 3 jun 2024 a las 9:12, Ana <a@c.com> escribió:\nMensaje reenviado\nviejo", false, "Gracias."),
        ]
        for (name, text, isForward, expected) in table {
            XCTAssertEqual(QuoteStripper.strip(text, isForward: isForward), expected, name)
        }
        let subjects: [(String, Bool)] = [
            ("RV: x", true), ("Fwd: x", true), (" fw: x", true), ("ENC: x", true), ("Re: RV: x", false), ("Rvta: x", false),
            ("RV: RE: x", true), ("[EXTERNAL] RV: x", true), ("[EXTERNO] [soporte] Fwd: x", true), ("*EXTERNAL* FW: x", true),
            ("EXTERNAL: RV: x", true), ("(EXTERNO) RV: x", true), ("[EXTERNAL] RE: RV: x", false), ("(Urgente) RV: x", false),
        ]
        for (subject, isForward) in subjects {
            XCTAssertEqual(QuoteStripper.isForwardSubject(subject), isForward, subject)
        }
    }

    /// Trailers of mobile apps and webmails that name no device of the sender's (`Sent from Samsung
    /// Mobile`, `Sent via the Samsung Galaxy`, Proton's `Sent with Proton Mail secure email.`, and in
    /// Portuguese Outlook's `Obter o Outlook para Android`, Yahoo's and Windows Mail's) stayed in the ticket.
    func testMoreMobileAndWebmailTrailers() {
        for trailer in ["Sent from Samsung Mobile", "Enviado desde Samsung Mobile", "Sent via the Samsung Galaxy S21 5G, an AT&T 5G smartphone",
                        "Sent from the all new AOL app for Android", "Sent with Proton Mail secure email.",
                        "Enviado con el correo electrónico seguro de Proton Mail.", "Obter o Outlook para Android",
                        "Enviado do Yahoo Mail para iPhone", "Enviado do Email para Windows"] {
            XCTAssertEqual(QuoteStripper.strip("No anda.\n\n" + trailer), "No anda.", trailer)
        }
        XCTAssertEqual(QuoteStripper.strip("Sent with care.\nDetalle"), "Sent with care.\nDetalle")
    }

    /// Portuguese clients: Outlook's `De:`/`Enviada em:`/`Para:`/`Assunto:` block, Gmail's reply header
    /// wrapped before `escreveu:`, and `Mensagem encaminhada` (Gmail, Thunderbird, Apple Mail) were not
    /// recognized: the quoted history stayed in the ticket, and Gmail's forward got a blank line inserted
    /// between its marker and its header block.
    func testPortugueseRepliesAndForwards() {
        let outlookBlock = "De: Suporte <s@x.com>\nEnviada em: quinta-feira, 14 de novembro de 2024 10:02\n"
            + "Para: Maria <m@c.com.br>\nAssunto: RE: Falha\n\nReinicie o serviço."
        let gmailForward = "Segue o erro.\n\n---------- Mensagem encaminhada ---------\nDe: Joao <j@c.com.br>\n"
            + "Date: qui., 14 de nov. de 2024 às 10:02\nSubject: Falha\nTo: <ti@c.com.br>\n\nO discador parou."
        let appleForward = "Olha isso.\n\nInício da mensagem encaminhada:\n\nDe: Joao <j@c.com.br>\nAssunto: Falha\n"
            + "Data: 14 de novembro de 2024 10:02:00 BRT\nPara: ti@c.com.br\n\nO discador parou.\n-- \nJoao"
        let table: [(String, String, Bool, String)] = [
            ("Outlook reply", "Continua sem funcionar.\n\n" + outlookBlock, false, "Continua sem funcionar."),
            ("Outlook.com reply, Enviado em", "Ok.\n\n________________________________\nDe: S <s@x.com>\n"
                + "Enviado em: quinta\nPara: M\nAssunto: RE: X\n\nvelho", false, "Ok."),
            ("Outlook forward (ENC:)", "Verifiquem.\n\n" + outlookBlock, true, "Verifiquem.\n\n" + outlookBlock),
            ("Gmail reply header wrapped", "Obrigado.\n\nEm qui., 14 de nov. de 2024 às 10:02, Suporte <s@x.com>\n"
                + "escreveu:\n\n> Reinicie.", false, "Obrigado."),
            ("Gmail forward", gmailForward, true, gmailForward),
            ("Apple Mail forward", appleForward, true, appleForward.replacingOccurrences(of: "-- \n", with: "--\n")),
            ("Thunderbird forward, signature kept", "Veja.\n\n-------- Mensagem encaminhada --------\nAssunto: \tFalha\n"
                + "De: \tJoao\n\nParou.\n-- \nJoao", true,
             "Veja.\n\n-------- Mensagem encaminhada --------\nAssunto: \tFalha\nDe: \tJoao\n\nParou.\n--\nJoao"),
            ("a sentence starting with Em stays", "Em breve envio o log,\nobrigado.", false, "Em breve envio o log,\nobrigado."),
        ]
        for (name, text, isForward, expected) in table {
            XCTAssertEqual(QuoteStripper.strip(text, isForward: isForward), expected, name)
        }
    }

    /// A corporate mail server's disclaimer under the mail is not the request (its "por error" made every
    /// such mail a high-priority incident); a customer's sentence that merely opens alike is kept.
    func testLegalDisclaimersEndTheNote() {
        let note = "Hola, quisiera saber cómo exportar el reporte.\n\nSaludos,\nAna"
        let table: [(String, String)] = [
            (note + "\n\nAVISO DE CONFIDENCIALIDAD: Este mensaje es confidencial. Si usted ha recibido este mensaje por error, elimínelo.", note),
            (note + "\n\n*** Aviso legal ***\nLa información contenida en este correo es privada.", note),
            (note + "\n\nEste mensaje y sus archivos adjuntos son\nconfidenciales y para uso exclusivo de su\ndestinatario.", note),
            (note + "\n\nThis e-mail and any attachments may contain privileged information intended only for the addressee.", note),
            (note + "\n\nAntes de imprimir este correo, piense en el medio ambiente.", note),
            (note + "\n\nCONFIDENTIALITY NOTICE: ...\n\nOn Mon, Jun 3, 2024 Support <s@x.com> wrote:\n> old", note),
            // A sentence of the customer's that opens like one, without what a disclaimer says, stays.
            ("Buen día.\n\nEste mensaje es para avisar que el discador no marca.", "Buen día.\n\nEste mensaje es para avisar que el discador no marca."),
            // A disclaimer alone, or at the very top, is not cut: nothing of the sender's would be left.
            ("AVISO DE CONFIDENCIALIDAD: Este mensaje es confidencial.", "AVISO DE CONFIDENCIALIDAD: Este mensaje es confidencial."),
            ("Urgente\nAVISO LEGAL: x", "Urgente\nAVISO LEGAL: x"),
        ]
        for (input, expected) in table {
            XCTAssertEqual(QuoteStripper.strip(input), expected, input)
        }
    }

    /// A mail gateway's warning at the top of outside mail is not the sender's text.
    func testAnExternalSenderBannerIsNotTheRequest() {
        let table: [(String, String)] = [
            ("CAUTION: This email originated from outside of the organization. Do not click links or open attachments unless you recognize the sender.\n\nLa consola no carga.",
             "La consola no carga."),
            ("\nPRECAUCIÓN: Este correo se originó fuera de la organización. No haga clic en vínculos\nni abra archivos adjuntos.\n\n\nHola, no entran llamadas.\n\nEnviado desde mi iPhone",
             "Hola, no entran llamadas."),
            ("[EXTERNAL] You don't often get email from ana@acme.com.ar. Learn why this is important\n\nNo funciona el IVR.", "No funciona el IVR."),
            // Not a banner: a customer's warning, or a banner with nothing after it.
            ("Atención: el discador está caído desde las 9.\n\nSaludos", "Atención: el discador está caído desde las 9.\n\nSaludos"),
            ("CAUTION: This email originated from outside of the organization.", "CAUTION: This email originated from outside of the organization."),
        ]
        for (input, expected) in table {
            XCTAssertEqual(QuoteStripper.strip(input), expected, input)
        }
    }
}
