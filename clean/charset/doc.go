// Package charset decides the character encoding of a fetched page and
// decodes it to UTF-8, recording the evidence for the decision.
//
// Vocabulary:
//
//   - A label is a charset name as a page or server writes it ("GB2312",
//     "x-sjis", "ISO-8859-1"); Lookup maps it to a WHATWG name, the only
//     names a Decision carries. gb2312 and gbk become gb18030, their
//     superset; iso-8859-1 and us-ascii become windows-1252, as in browsers.
//     The Encoding Standard's replacement labels (iso-2022-kr, hz-gb-2312,
//     iso-2022-cn, ...) name none: a browser shows such a body as one
//     U+FFFD; here the charset is decided from the bytes, and the Note
//     says the label was set aside.
//   - A declaration is a label from the HTTP Content-Type header or from the
//     body: <meta charset>, <meta http-equiv content>, or an XML
//     declaration, looked for in the first 64 KB (not only 1024 bytes).
//     A meta's x-user-defined declares windows-1252, as the HTML prescan
//     reads it; a header's x-user-defined is x-user-defined.
//   - A weak declaration is ISO-8859-1 or an equivalent: servers and page
//     templates send it by default, and real pages served with it are often
//     GBK. It is only used when nothing else decides.
//   - The visible text is the body without tags, comments, scripts and
//     styles, a tag that starts or ends a block (a paragraph, a heading,
//     a table cell) read as a line break; statistics run on it (64 KB of
//     it, from just before its first non-ASCII byte: a long ASCII
//     opening tells no charset). A capital that opens a line or a
//     sentence scores as its small letter would.
//   - A fit is how plausible a decoding is: invalid sequences and
//     private-use characters count against it, frequent characters of the
//     script (common hanzi, kana, Hangul, and in a Japanese reading the
//     Japanese forms of common kanji; per-language letters for
//     single-byte charsets) for it; a Chinese or Korean reading counts
//     the commonest 500 hanzi for more than the rest of its common ones.
//     A decoding is clean when at most one non-ASCII character in twenty
//     is invalid or private-use.
//   - A single-byte fit scores the non-ASCII bytes of the text under each
//     language written in the charset (a letter profile: the language's
//     non-ASCII letters, most frequent first; Italian's count only at a
//     word's end, where Italian writes them), plus the language's function
//     words among the text's ASCII words (stopwords.go: "della", "che"),
//     which read the same in every charset and say whose letters the
//     accented ones are, and keeps the best language. Only words within
//     150 bytes of a non-ASCII byte count: an English page's "to", "in"
//     and "for" around a foreign name say nothing of its letters.
//     Undefined bytes and C1 controls (0x80-0x9F read as U+0080-U+009F)
//     count far against a reading, rare signs a little, and so do what
//     wrong readings produce around a byte: a symbol inside a word, a
//     mark that follows a name (© ® ™) opening a word, a capital after a
//     small letter, two scripts in one word, an inverted mark (¡ ¿) after
//     a letter, a non-ASCII Latin letter standing alone as a word where
//     the language has no such word (Ť in « %s » read as iso-8859-2;
//     Norwegian å and French à are words), and a letter opening a word
//     where the language opens none with it (Icelandic ð, Turkish ğ: the
//     "ÐIAULIAI" that windows-1252 reads for iso-8859-13's "ŠIAULIAI").
//     When the best reading is Latin and other Latin readings come within
//     a near tie of it, those readings are scored again word by word
//     (mixed.go): a name (a word a capital opens) may be read in another
//     language of the charset than the text's main one, at a cost, so an
//     English report naming Polish and Lithuanian players reads as the
//     Baltic charset that writes both, not as windows-1252's French.
//   - A CJK reading is plausible when it is clean, scores on average at
//     least 1 per character, and is not Latin-like. It is Latin-like when
//     more than half its multi-byte codes stand among ASCII bytes alone,
//     or two together touching an ASCII letter: accented letters inside
//     Latin words ("\xe8ovjek", "\x9ae", "plo\xb9\xe8adi" read as Big5 or
//     EUC-KR, "pit\xe4v\xe4n" as Shift_JIS) or beside a quote ("«È la
//     nostra priorità»"), where CJK text runs its characters together.
//     This holds for every CJK charset. A Chinese or Japanese reading
//     also loses a little for each space between two ideographs or kana:
//     Korean spaces its words, and EUC-KR read as GBK gives frequent hanzi.
//   - The single-byte candidates, in their fixed order of preference:
//     windows-1252, iso-8859-15, windows-1250, iso-8859-2, iso-8859-16,
//     windows-1257, iso-8859-13, iso-8859-4, windows-1254, windows-1251,
//     koi8-r, koi8-u, iso-8859-5, x-mac-cyrillic, ibm866, windows-1253,
//     iso-8859-7, windows-1255, iso-8859-8, windows-1256, iso-8859-6,
//     windows-874, windows-1258. (iso-8859-1 and iso-8859-9 are windows-1252 and
//     windows-1254, as in browsers.) When several decode the text to the same characters, the
//     first of them is chosen, whatever their scores; an exact score tie
//     between different readings also goes to the earlier one. Plain
//     western text is legal windows-1258 and reads there as windows-1252
//     does but for a few letters (ã, õ, ð, þ, ì, ò, Ý): windows-1258 comes
//     last, and wins only where its Vietnamese letters and tone marks
//     (on a vowel) read better than every other language.
//   - A body is nearly UTF-8 when its invalid bytes (bytes that are part of no
//     valid UTF-8 sequence) are few beside its valid multi-byte sequences (a
//     few windows-1252 bytes pasted into a page of UTF-8, which read as
//     windows-1252 would garble every other non-ASCII character). It needs
//     2 valid sequences for each invalid byte, so that invalid bytes are at
//     most a third of the non-ASCII sequences, and at least 8 in all.
//     Single-byte and CJK text is far from that (in the dev corpus, at most
//     2 valid sequences for 3 invalid bytes; in 86,000 chunks of translated
//     messages in 27 charsets, 11 for 14 among those with 8 or more): its
//     non-ASCII bytes seldom pair into valid sequences, so its invalid
//     bytes outnumber them, whatever a few valid-looking pairs ("Úž" in
//     windows-1250 is valid UTF-8). When UTF-8 is declared, one plausible
//     valid sequence for each 2 invalid bytes is enough, however few: a
//     sequence is plausible when it touches no invalid byte and is a
//     common sign, a Latin letter, or a letter beside one of its own
//     script, which the chance pairs of legacy text are not (none of
//     80,000 legacy chunks has one for 3 invalid bytes); so one stray byte
//     does not turn "café" into "cafÃ©". A body nearly UTF-8 without a
//     declaration is nearly UTF-8 with one. A UTF-8 decision on such a
//     body says in its Note how many invalid bytes Decode replaces with
//     U+FFFD.
//   - The detector is saintfish/chardet, made deterministic (ties broken by
//     name) and checked against this package's own fits.
//
// The rule order is a contract: the first rule that fires decides, and its
// name is the Decision's Evidence.
//
// A Decision's Note names every declaration it does not follow, weak ones
// included, as where it came from and the label as written: `header
// "gb2312" overruled: why` when the body contradicts it (rules 3 and 4),
// `header "ISO-8859-1" set aside: why` when it was not weighed (a weak or
// unknown label, a byte order mark or site rule first, an earlier
// declaration followed). A browser follows the first declaration it
// knows, so its reading can be told from the record.
//
//	rule        a site rule's forced label, if it names a known encoding.
//	1 bom       a UTF-8 or UTF-16 byte order mark.
//	  utf16-nuls  UTF-16 without a BOM, of mostly Latin text, by its NUL
//	            bytes on one side (Confidence 90, with a Note). A
//	            declaration of that UTF-16 decides it instead (Evidence
//	            header or meta). One (not weak) that the body fits by
//	            rule 4's test, valid UTF-8 fitting utf-8, is left to the
//	            rules below, and the Note says the NULs were set aside,
//	            when the body's tags are ASCII (a page with a stretch of
//	            NULs): a UTF-16 page writes its tags with NULs ('<', NUL,
//	            a letter), and a text without tags has only its NULs to
//	            tell.
//	2 ascii     only 7-bit bytes: utf-8, or iso-2022-jp when its escape
//	            sequences appear.
//	3 utf8-valid  valid UTF-8 with non-ASCII bytes, or nearly UTF-8 without
//	            a declaration, beats any declaration. Exception: a short
//	            body (at most six non-ASCII characters) that a declared CJK
//	            charset decodes to likelier text is that charset's
//	            (Evidence header or meta).
//	4 header, meta  the first non-weak declaration, header first, that fits:
//	            a CJK charset must decode cleanly, not read better as a
//	            single-byte text and not be clearly beaten by another CJK
//	            charset; a single-byte one must score near the best
//	            single-byte charset (within 3 points for each non-ASCII
//	            byte the two read differently, 20 more when it reads them
//	            as letters: a name or two in an English page is the
//	            declaration's; a sibling charset's few differing letters
//	            read as the label's signs are not); utf-8 must be nearly
//	            UTF-8 as declared
//	            (the Note counts the invalid bytes); a header's utf-16 (le
//	            or be), read in its byte order, must be well-formed UTF-16
//	            (no unpaired surrogate, at most one control in fifty code
//	            units) of likely text (three units in four: ASCII, any
//	            character below U+2000, common punctuation, CJK
//	            punctuation and kana, frequent ideographs, Hangul when a
//	            third of it is frequent syllables), which ASCII-compatible
//	            bytes read in pairs are not; a meta's utf-16 never fits (it
//	            was read in ASCII). A label that does not fit is overruled,
//	            and the Note says why.
//	5 detector  the visible text: a plausible CJK decoding wins (the best
//	            by this package's score; a near tie goes to chardet when it
//	            is sure, and surer of it than of another CJK charset), else the best single-byte charset by per-language
//	            letter scoring, the preference order settling identical
//	            readings; its Note names the language whose reading won
//	            ("reads as Italian text"). Confidence is chardet's for
//	            that charset.
//	6 default   a body that reads as well-formed UTF-16 of likely text
//	            (as rule 4 tests a declared one) in one byte order only:
//	            that UTF-16 (mostly CJK text without a BOM shows no NUL
//	            pattern). Else a short text no CJK charset clearly wins
//	            (in rule 5, none scores more than a quarter above
//	            GB18030), that decodes plausibly (or cleanly, and not
//	            Latin-like) as GB18030: gb18030.
//	7 header, meta  a declared single-byte charset, weak ones included;
//	            or a header's utf-16 that rule 4 overruled only as
//	            unlikely text, when the body is well-formed UTF-16 in its
//	            byte order and not likely text in the other.
//	8 fallback  windows-1252.
//
// Pages decided by rules 1 to 4 never run the detector. The same bytes,
// header and forced label always give the same Decision. Decide and Decode
// never panic; Decode always returns valid UTF-8. DecideDecode is the two
// in one call, which reads a valid UTF-8 body once, not twice, and hands
// it back uncopied.
package charset
