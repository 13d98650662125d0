@testable import IntakeMIME
import XCTest

/// The text of the RTF bodies Outlook writes, and of the HTML it encapsulates in RTF (MS-OXRTFEX).
final class RTFTextTests: XCTestCase {
    func read(_ rtf: String) -> RTFText.Document { RTFText.read(Array(rtf.utf8)) }

    func testPlainRTFGivesItsText() {
        let header = "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss\\fcharset0 Calibri;}{\\f1\\fnil\\fcharset204 Arial;}}"
            + "{\\colortbl;\\red31\\green73\\blue125;}{\\*\\generator Riched20 15.0.4599}\\viewkind4\\uc1\\pard\\f0\\fs22 "
        let table: [(String, String, String)] = [
            ("paragraphs and code page bytes", header + "Buenos d\\'edas,\\par\\par No funciona la facturaci\\'f3n.\\par}",
             "Buenos días,\n\nNo funciona la facturación.\n"),
            ("unicode with its fallback skipped", header + "Caf\\u233?\\par {\\uc2 \\u8364\\'80\\'80 }\\u-3913?\\par}",
             "Café\n€ \u{F0B7}\n"),
            ("a surrogate pair", header + "\\u-10179?\\u-8704?}", "😀"),
            ("a font's charset picks the code page", header + "{\\f1 \\'cf\\'f0\\'e8\\'e2\\'e5\\'f2} ok}", "Привет ok"),
            ("escaped braces and backslash, tabs and symbols",
             header + "a\\{b\\}c\\\\d\\tab e\\emdash f\\~g\\line h\\ldblquote i\\rdblquote}", "a{b}c\\d\te—f g\nh“i”"),
            ("field instruction left out, its result kept",
             header + "Ver {\\field{\\*\\fldinst{HYPERLINK \"https://x.example\"}}{\\fldrslt{\\ul portal}}} hoy}", "Ver portal hoy"),
            ("pictures, hidden text and binary data skipped",
             header + "a{\\pict\\wmetafile8 0102ff}b{\\v oculto}c\\bin3 x}yd}", "abcd"),
            ("double-byte code page", "{\\rtf1\\ansi\\ansicpg932 \\'82\\'b1\\'82\\'f1}", "こん"),
            ("line ends in the source are no text", "{\\rtf1 uno\r\ndos\\\r\ntres}", "unodos\ntres"),
        ]
        for (name, rtf, expected) in table {
            XCTAssertEqual(read(rtf), .text(expected), name)
        }
    }

    /// The example of MS-OXRTFEX §4.1 and the HTML it encapsulates.
    func testHTMLEncapsulatedInRTFIsThatHTML() {
        let rtf = #"""
            {\rtf1\ansi\ansicpg1251\fromhtml1 \deff0
            {\fonttbl {\f0\fmodern Courier New;}{\f1\fswiss Arial;}{\f2\fswiss\fcharset0 Arial;}}
            {\colortbl\red0\green0\blue0;\red0\green0\blue255;}
            {\*\htmltag64}
            \uc1\pard\plain\deftab360 \f0\fs24
            {\*\htmltag <HTML><head>\par
            <style>\par
            <!--\par
            /* Style Definitions */\par
            p.MsoNormal, li.MsoNormal \{font-family:Arial;\}\par
            -->\par
            </style>\par
            \tab <!-- This is a HTML comment.\par
            There is a horizontal tab (%x09) character before the comment, \par
            and some new lines inside the comment. -->\par
            </head>\par
            <body>\par
            <p\par
            class="MsoNormal">}
            {\htmlrtf \f1 \htmlrtf0 Note the line break inside a P tag. {\*\htmltag <b>}{\htmlrtf \b
            \htmlrtf0 This is bold text{\*\htmltag </b>}} \htmlrtf\par\htmlrtf0}
            \htmlrtf \par \htmlrtf0
            {\*\htmltag </p>\par
            <p class="MsoNormal">\par}
            {\htmlrtf \f1 \htmlrtf0 This is a normal text with a character references:
            {\*\htmltag &nbsp;}\htmlrtf \'a0\htmlrtf0  {\*\htmltag &lt;}\htmlrtf <\htmlrtf0  {\*\htmltag
            &uml;}\htmlrtf {\f2\'a8}\htmlrtf0{\*\htmltag <br>\par}\htmlrtf\line\htmlrtf0
            characters that have special meaning in RTF: \{\}\\{\*\htmltag
            <br>\par}\htmlrtf\line\htmlrtf0\htmlrtf\par\htmlrtf0}
            {\*\htmltag </p>\par
            <ol>\par
            <li class="MsoNormal">}{\htmlrtf
            {{\*\pn\pnlvlbody\pndec\pnstart1\pnindent360{\pntxta.}}\li360\fi-360{\pntext 1.\tab} \f1
            \htmlrtf0 This is a list item}\htmlrtf\par\htmlrtf0}
            {\*\htmltag \par
            </ol>\par
            </body>\par
            </HTML>\par }}
            """#
        let html = #"""
            <HTML><head>
            <style>
            <!--
            /* Style Definitions */
            p.MsoNormal, li.MsoNormal {font-family:Arial;}
            -->
            </style>
            	<!-- This is a HTML comment.
            There is a horizontal tab (%x09) character before the comment, 
            and some new lines inside the comment. -->
            </head>
            <body>
            <p
            class="MsoNormal">Note the line break inside a P tag. <b>This is bold text</b> </p>
            <p class="MsoNormal">
            This is a normal text with a character references:&nbsp; &lt; &uml;<br>
            characters that have special meaning in RTF: {}\<br>
            </p>
            <ol>
            <li class="MsoNormal">This is a list item
            </ol>
            </body>
            </HTML>

            """#
        XCTAssertEqual(read(rtf), .html(html))
        XCTAssertEqual(
            HTMLText.text(html),
            "Note the line break inside a P tag. This is bold text\nThis is a normal text with a character references:  < ¨\n"
                + "characters that have special meaning in RTF: {}\\\nThis is a list item")
    }
}
