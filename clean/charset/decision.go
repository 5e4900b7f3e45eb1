package charset

// Decision is the charset chosen for a page's bytes, with the evidence that
// made it. The same bytes and header always give the same Decision.
type Decision struct {
	Name       string `json:"name"`       // WHATWG label of the encoding used to decode: "utf-8", "gb18030", "big5", "windows-1252", …
	Evidence   string `json:"evidence"`   // bom | utf16-nuls | ascii | utf8-valid | header | meta | detector | default | rule | fallback
	Confidence int    `json:"confidence"` // detector confidence 0-100 when Evidence is "detector", else 100
	Declared   string `json:"declared"`   // label the page declared (header, then meta), as written; "" for none
	Note       string `json:"note"`       // each declaration not followed, where it came from, and why (doc.go); how many invalid bytes a UTF-8 decoding replaces; whose language a single-byte guess read
}
