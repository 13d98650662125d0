import IntakeMIME
import XCTest

final class HTMLTextTests: XCTestCase {
    func testExtractsVisibleText() {
        let table: [(String, String)] = [
            ("<p>Hola</p><p>Chau</p>", "Hola\nChau"),
            ("<div>uno</div><div><br></div><div>dos</div>", "uno\n\ndos"),
            ("a<br>b<br/><br />c", "a\nb\n\nc"),
            ("<script>var x = '<p>';</script><style>p{}</style>visible", "visible"),
            ("<SCRIPT type=x>hidden</SCRIPT>shown", "shown"),
            ("<head><title>t</title></head><body>body</body>", "body"),
            ("<html><head><meta charset=\"utf-8\"><title>Aviso</title><body><p>Hola</p></body></html>", "Hola"),
            ("<HEAD><style>p{}</style><BODY>visible", "visible"),
            ("<head><title>t</title>sin body", ""),
            ("<html><title>Aviso de sistema</title><body>Hola</body></html>", "Hola"),
            ("<title>sin cerrar<body>texto", "texto"),
            ("a   b\n\n\tc", "a b c"),
            ("&aacute;&eacute;&iacute;&oacute;&uacute;&ntilde;&Ntilde;&uuml;&iquest;&iexcl;", "áéíóúñÑü¿¡"),
            ("&lt;tag&gt; &amp; &quot;q&quot; &#39;s&#39; &#x41;&#66;", "<tag> & \"q\" 's' AB"),
            ("x&nbsp;y", "x y"),
            ("AT&T &unknown; &", "AT&T &unknown; &"),
            ("<ul><li>uno</li><li>dos</li></ul>", "uno\ndos"),
            ("<h1>Título</h1>texto", "Título\ntexto"),
            ("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\nc"),
            ("<!-- oculto -->visible<!-- sin cerrar", "visible"),
            ("<pre>  a\n  b</pre>", "  a\n  b"),
            ("<a href=\"x>y\">link</a>", "link"),
            ("1 < 2 and 3 > 2", "1 < 2 and 3 > 2"),
            ("<img src=\"cid:x\" alt=\"captura\">", "captura"),
            ("<p>&nbsp;</p>", ""),
            ("", ""),
        ]
        for (html, expected) in table {
            XCTAssertEqual(HTMLText.text(html), expected, html)
        }
    }

    /// A quoting blockquote (Apple Mail's and Thunderbird's `type="cite"`, Gmail's `gmail_quote`, a webmail's
    /// left rule) is marked `> ` per level, as the plain-text alternative marks it, so the quote stripper
    /// finds it; an indenting one is not. Apple Mail's U+FEFF at the start of a quote is no text.
    func testQuotingBlockquotesAreMarked() {
        let table: [(String, String)] = [
            ("Nuevo<blockquote type=\"cite\"><div>viejo</div><div>más</div></blockquote>", "Nuevo\n> viejo\n> más"),
            ("a<blockquote class=\"gmail_quote\">b<blockquote type=cite>c</blockquote>d</blockquote>e", "a\n> b\n> > c\n> d\ne"),
            ("a<blockquote style=\"border-left:2px solid #1010FF\">b</blockquote>", "a\n> b"),
            ("a<blockquote style=\"margin:0 0 0 40px;border:none\">sangría</blockquote>b", "a\nsangría\nb"),
            ("a<blockquote>b<blockquote type=cite>c</blockquote>d</blockquote>e", "a\nb\n> c\nd\ne"),
            ("a<blockquote type=cite><div>\u{FEFF}</div><div>b</div></blockquote>", "a\n> b"),
            ("a</blockquote>b", "a\nb"),
            ("a<blockquote class=\"protonmail_quote\">b</blockquote>", "a\n> b"),
            ("a<blockquote class=\"blockquote\">cita</blockquote>", "a\ncita"),
        ]
        for (html, expected) in table {
            XCTAssertEqual(HTMLText.text(html), expected, html)
        }
    }

    /// A signature the client marks (Gmail's `gmail_signature`, Outlook on the web's `id="Signature"`,
    /// Outlook desktop's `_MailAutoSig` bookmark) gets a `--` line above it, once: OWA's plain text has no
    /// separator, so the signature stayed in the ticket.
    func testAMarkedSignatureGetsASeparatorLine() {
        let table: [(String, String)] = [
            ("<div>La factura no llegó.</div><div id=\"Signature\"><div>Ana Souza<br>Compras</div></div>",
             "La factura no llegó.\n--\nAna Souza\nCompras"),
            ("<div>Hola</div><span class=\"gmail_signature_prefix\">-- </span><br><div class=\"gmail_signature\">Ana</div>",
             "Hola\n--\nAna"),
            ("<p>Hola</p><p><a name=\"_MailAutoSig\"><span>Ana Souza</span></a></p>", "Hola\n--\nAna Souza"),
            ("<div class=\"gmail_signature_prefix\">x</div><div id=\"SignatureX\">y</div>", "x\ny"),
        ]
        for (html, expected) in table {
            XCTAssertEqual(HTMLText.text(html), expected, html)
        }
    }

    /// Word and Outlook write Windows-1252 code points as numeric references (`&#147;` for “); HTML5
    /// (§13.2.5.80) reads 0x80–0x9F that way, and every Latin-1 entity name of HTML 4 is known.
    func testWindows1252NumericReferencesAndLatin1Names() {
        let table: [(String, String)] = [
            ("&#147;Hola&#148; &#150; &#128;10 &#146;s &#x93;x&#x94;", "“Hola” – €10 ’s “x”"),
            ("&#129;", "\u{81}"),
            ("&Acirc;&Ecirc;&Icirc;&Ocirc;&Ucirc;&AElig;&Oslash;&ETH;&eth;&THORN;&thorn;&oslash;", "ÂÊÎÔÛÆØÐðÞþø"),
            ("&not;&curren;&brvbar;&uml;&macr;&acute;&cedil;&sup1;&Ccedil;&Atilde;&Yacute;&igrave;", "¬¤¦¨¯´¸¹ÇÃÝì"),
        ]
        for (html, expected) in table {
            XCTAssertEqual(HTMLText.text(html), expected, html)
        }
    }
}
