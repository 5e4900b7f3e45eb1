package charset

import (
	"mime"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
)

// aliases names labels that neither the WHATWG nor the IANA index knows but
// that detectors and real pages write. Keys are lower-case, without spaces.
var aliases = map[string]string{
	"gb-18030":    "gb18030",
	"gb2312":      "gb18030",
	"gbk":         "gb18030",
	"cp936":       "gb18030",
	"x-gbk":       "gb18030",
	"euc-cn":      "gb18030",
	"hz-gb-2312":  "replacement",
	"utf-8-sig":   "utf-8",
	"utf8":        "utf-8",
	"utf-16":      "utf-16le",
	"cp932":       "shift_jis",
	"sjis":        "shift_jis",
	"cp949":       "euc-kr",
	"uhc":         "euc-kr",
	"big5-hkscs":  "big5",
	"cp950":       "big5",
	"ascii":       "windows-1252",
	"us-ascii":    "windows-1252",
	"latin1":      "windows-1252",
	"latin2":      "iso-8859-2",
	"cp1251":      "windows-1251",
	"cp1252":      "windows-1252",
	"cp866":       "ibm866",
	"maccyrillic": "x-mac-cyrillic",
}

// Lookup maps any label (WHATWG, IANA, or a detector's name such as
// "GB-18030") to the WHATWG name used in Decision.Name, or "" if the label
// names no encoding this package can decode. gb2312 and gbk map to gb18030,
// their superset; iso-8859-1 and us-ascii map to windows-1252, as browsers do.
func Lookup(label string) string {
	return known(resolve(label))
}

// isReplacement reports a label that the Encoding Standard maps to its
// "replacement" encoding (iso-2022-kr, hz-gb-2312, iso-2022-cn, ...):
// browsers decode a body so declared to a single U+FFFD.
func isReplacement(label string) bool {
	return resolve(label) == "replacement"
}

// resolve is Lookup before known: it keeps "replacement".
func resolve(label string) string {
	l := strings.ToLower(strings.Trim(label, " \t\r\n\f\"'"))
	if l == "" {
		return ""
	}
	if n, ok := aliases[l]; ok {
		return n
	}
	if e, err := htmlindex.Get(l); err == nil {
		return nameOf(e)
	}
	if e, err := ianaindex.IANA.Encoding(l); err == nil && e != nil {
		return nameOf(e)
	}
	return ""
}

// nameOf gives the WHATWG name of e after folding gbk into gb18030; "" for
// encodings the WHATWG index does not have.
func nameOf(e encoding.Encoding) string {
	n, err := htmlindex.Name(e)
	if err != nil {
		return ""
	}
	if n == "gbk" {
		n = "gb18030"
	}
	return n
}

// known drops names that decode nothing useful ("replacement",
// "x-user-defined" is kept since it is total).
func known(n string) string {
	if n == "replacement" {
		return ""
	}
	return n
}

// charsetParam returns the charset parameter of a Content-Type value, as
// written (quotes removed), or "". A value that parses as a media type is
// read by its grammar, so a quoted parameter holding ";charset=" is one
// parameter; one that does not parse (a parameter twice, an empty value)
// is split at each ';', as browsers read what they can.
func charsetParam(contentType string) string {
	if _, params, err := mime.ParseMediaType(contentType); err == nil {
		return strings.Trim(params["charset"], "\"'")
	}
	return lenientCharsetParam(contentType)
}

// lenientCharsetParam is charsetParam for a value that is no valid media
// type: the first charset= among its ';'-separated parameters.
func lenientCharsetParam(contentType string) string {
	for _, p := range strings.Split(contentType, ";")[1:] {
		k, v, ok := strings.Cut(p, "=")
		if ok && strings.EqualFold(strings.TrimSpace(k), "charset") {
			return strings.Trim(strings.TrimSpace(v), "\"'")
		}
	}
	return ""
}
