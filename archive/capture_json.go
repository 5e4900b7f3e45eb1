package archive

import (
	"encoding/json"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"
)

// marshalStored appends to dst the JSON of a binary capture record's
// JSON part, c with its raw strings (a storedCapture), byte for byte
// what json.Marshal gives for it: it is what the record stores,
// deflated. It writes the fields of Capture by hand, which costs a
// fraction of encoding/json's reflection (a fifth of a capture's coding
// in the writer's transaction); a capture with raw strings
// (rawfields.go) or a time json cannot write, both rare, goes through
// json.Marshal. TestMarshalStoredAsJSON checks it against
// json.Marshal with every field of Capture set, so a field added to
// Capture and not here fails it.
//
// c and raw are apart, not a storedCapture: raw leaks to json.Marshal,
// and a struct holding both would make c leak with it, moving every
// capture encodeCapture codes to the heap.
func marshalStored(dst []byte, c *Capture, raw map[string][]byte) ([]byte, error) {
	start, err1 := timeJSON(c.FetchStart)
	end, err2 := timeJSON(c.FetchEnd)
	if raw != nil || err1 != nil || err2 != nil {
		return marshalStoredJSON(dst, *c, raw)
	}
	w := jsonWriter{b: dst}
	w.b = append(w.b, '{')
	w.uint("id", c.ID, false)
	w.uint("run_id", c.RunID, false)
	w.str("kind", c.Kind, false)
	w.str("requested_url", c.RequestedURL, false)
	w.str("final_url", c.FinalURL, false)
	w.str("url", c.URL, false)
	if len(c.Redirects) > 0 {
		w.key("redirects")
		w.hops(c.Redirects)
	}
	w.str("method", c.Method, false)
	w.int("status", int64(c.Status), false)
	w.header("request_header", c.RequestHeader)
	w.header("response_header", c.ResponseHeader)
	w.str("request_head", c.RequestHead, true)
	w.str("response_head", c.ResponseHead, true)
	w.key("fetch_start")
	w.b = append(w.b, start...)
	w.key("fetch_end")
	w.b = append(w.b, end...)
	w.str("remote_addr", c.RemoteAddr, true)
	w.str("payload_sha256", c.PayloadSHA256, true)
	w.int("payload_length", c.PayloadLength, false)
	w.bool("truncated", c.Truncated)
	w.int("limit", c.Limit, true)
	w.str("incomplete", c.Incomplete, true)
	w.str("tls_unverified", c.TLSUnverified, true)
	w.int("trailing_bytes", c.TrailingBytes, true)
	w.str("rule", c.Rule, true)
	w.str("tool_version", c.ToolVersion, false)
	w.str("error", c.Error, true)
	w.str("charset", c.Charset, true)
	w.str("charset_evidence", c.CharsetEvidence, true)
	w.int("charset_confidence", int64(c.CharsetConfidence), true)
	w.str("charset_note", c.CharsetNote, true)
	w.str("title", c.Title, true)
	w.str("published", c.Published, true)
	w.str("published_why", c.PublishedWhy, true)
	if len(c.DateCandidates) > 0 {
		w.key("date_candidates")
		w.dates(c.DateCandidates)
	}
	w.str("publisher", c.Publisher, true)
	w.str("authority", c.Authority, true)
	w.str("author", c.Author, true)
	w.str("attribution", c.Attribution, true)
	w.str("lang", c.Lang, true)
	w.str("canonical", c.Canonical, true)
	if len(c.Captions) > 0 {
		w.key("captions")
		w.strings(c.Captions)
	}
	w.str("text_sha256", c.TextSHA256, true)
	w.int("norm_version", int64(c.NormVersion), true)
	w.str("own_text_sha256", c.OwnTextSHA256, true)
	w.str("extractor", c.Extractor, true)
	w.str("extractor_version", c.ExtractorVersion, true)
	w.bool("text_truncated", c.TextTruncated)
	w.int("text_limit", c.TextLimit, true)
	w.str("clean_key", c.CleanKey, true)
	w.uint("clean_from", c.CleanFrom, true)
	if len(c.Sketch) > 0 {
		w.key("sketch")
		w.b = append(w.b, '[')
		for i, v := range c.Sketch {
			if i > 0 {
				w.b = append(w.b, ',')
			}
			w.b = strconv.AppendUint(w.b, uint64(v), 10)
		}
		w.b = append(w.b, ']')
	}
	w.int("shingles", int64(c.Shingles), true)
	w.str("next_page", c.NextPage, true)
	w.str("prev_page", c.PrevPage, true)
	w.int("page_number", int64(c.PageNumber), true)
	if len(c.Pages) > 0 {
		w.key("pages")
		w.pages(c.Pages)
	}
	w.str("worker", c.Worker, true)
	w.b = append(w.b, '}')
	return w.b, nil
}

// marshalStoredJSON is marshalStored's way for the rare capture it does
// not write by hand: encoding/json, given a copy of the capture, which is
// what reaches the heap (json.Marshal takes an interface), not the
// caller's.
func marshalStoredJSON(dst []byte, c Capture, raw map[string][]byte) ([]byte, error) {
	js, err := json.Marshal(storedCapture{Capture: &c, Raw: raw})
	return append(dst, js...), err
}

// zeroTimeJSON is what json.Marshal writes for the zero time.Time.
const zeroTimeJSON = `"0001-01-01T00:00:00Z"`

// timeJSON is what json.Marshal writes for t: the zero time (a record
// keeps its fetch times in binary, so theirs is) without an allocation.
func timeJSON(t time.Time) ([]byte, error) {
	if t == (time.Time{}) {
		return []byte(zeroTimeJSON), nil
	}
	return t.MarshalJSON()
}

// jsonWriter appends an object's members to b, a comma before each but
// the first (b's last byte is then its opening brace).
type jsonWriter struct {
	b []byte
}

func (w *jsonWriter) key(k string) {
	if last := w.b[len(w.b)-1]; last != '{' {
		w.b = append(w.b, ',')
	}
	w.b = append(w.b, '"')
	w.b = append(w.b, k...) // field names need no escaping
	w.b = append(w.b, '"', ':')
}

func (w *jsonWriter) str(k, v string, omitEmpty bool) {
	if omitEmpty && v == "" {
		return
	}
	w.key(k)
	w.b = appendJSONString(w.b, v)
}

func (w *jsonWriter) int(k string, v int64, omitEmpty bool) {
	if omitEmpty && v == 0 {
		return
	}
	w.key(k)
	w.b = strconv.AppendInt(w.b, v, 10)
}

func (w *jsonWriter) uint(k string, v uint64, omitEmpty bool) {
	if omitEmpty && v == 0 {
		return
	}
	w.key(k)
	w.b = strconv.AppendUint(w.b, v, 10)
}

// bool writes an omitempty bool: only when true.
func (w *jsonWriter) bool(k string, v bool) {
	if v {
		w.key(k)
		w.b = append(w.b, "true"...)
	}
}

// strings writes a slice of strings; nil is null, as json writes it.
func (w *jsonWriter) strings(vs []string) {
	if vs == nil {
		w.b = append(w.b, "null"...)
		return
	}
	w.b = append(w.b, '[')
	for i, v := range vs {
		if i > 0 {
			w.b = append(w.b, ',')
		}
		w.b = appendJSONString(w.b, v)
	}
	w.b = append(w.b, ']')
}

// header writes an omitempty header map, its names in byte order as json
// sorts a map's keys.
func (w *jsonWriter) header(k string, h map[string][]string) {
	if len(h) == 0 {
		return
	}
	w.key(k)
	names := make([]string, 0, 16) // on the stack for most heads
	for name := range h {
		names = append(names, name)
	}
	slices.Sort(names)
	w.b = append(w.b, '{')
	for i, name := range names {
		if i > 0 {
			w.b = append(w.b, ',')
		}
		w.b = appendJSONString(w.b, name)
		w.b = append(w.b, ':')
		w.strings(h[name])
	}
	w.b = append(w.b, '}')
}

// object writes one struct of a slice: fn writes its members.
func (w *jsonWriter) object(i int, fn func()) {
	if i > 0 {
		w.b = append(w.b, ',')
	}
	w.b = append(w.b, '{')
	fn()
	w.b = append(w.b, '}')
}

func (w *jsonWriter) hops(hs []Hop) {
	w.b = append(w.b, '[')
	for i, h := range hs {
		w.object(i, func() {
			w.str("url", h.URL, false)
			w.int("status", int64(h.Status), false)
			w.str("request_head", h.RequestHead, true)
			w.str("response_head", h.ResponseHead, true)
			if len(h.HeadRepairs) > 0 {
				w.key("head_repairs")
				w.b = append(w.b, '[')
				for j, r := range h.HeadRepairs {
					w.object(j, func() {
						w.int("line", int64(r.Line), false)
						w.str("repair", r.Repair, false)
					})
				}
				w.b = append(w.b, ']')
			}
		})
	}
	w.b = append(w.b, ']')
}

func (w *jsonWriter) dates(ds []DateCandidate) {
	w.b = append(w.b, '[')
	for i, d := range ds {
		w.object(i, func() {
			w.str("value", d.Value, false)
			w.str("source", d.Source, false)
			w.str("text", d.Text, true)
		})
	}
	w.b = append(w.b, ']')
}

func (w *jsonWriter) pages(ps []PageRef) {
	w.b = append(w.b, '[')
	for i, p := range ps {
		w.object(i, func() {
			w.str("url", p.URL, false)
			w.uint("capture_id", p.CaptureID, false)
			w.str("text_sha256", p.TextSHA256, false)
			w.str("payload_sha256", p.PayloadSHA256, true)
		})
	}
	w.b = append(w.b, ']')
}

// jsonEscapes says, for each ASCII byte, what json.Marshal writes for it
// in a string: "" for the byte itself, else its escape. Besides the
// quote, the backslash and the control bytes, it escapes <, > and & (as
// json.Marshal does, for HTML).
var jsonEscapes = func() (t [utf8.RuneSelf]string) {
	const digits = "0123456789abcdef"
	for c := range t {
		switch {
		case c == '"' || c == '\\':
			t[c] = `\` + string(rune(c))
		case c < 0x20 || c == '<' || c == '>' || c == '&':
			t[c] = `\u00` + string(digits[c>>4]) + string(digits[c&0xf])
		}
	}
	t['\b'], t['\f'], t['\n'], t['\r'], t['\t'] = `\b`, `\f`, `\n`, `\r`, `\t`
	return t
}()

// jsonPlain says, for each byte, whether json.Marshal writes it as it is
// whatever follows: ASCII that jsonEscapes leaves alone. The rest is
// escaped, or starts a character that is read whole.
var jsonPlain = func() (t [256]bool) {
	for c := range utf8.RuneSelf {
		t[c] = jsonEscapes[c] == ""
	}
	return t
}()

// appendJSONString appends s quoted as json.Marshal quotes it: ASCII
// escaped by jsonEscapes, a byte that is not UTF-8 as \ufffd, U+2028 and
// U+2029 escaped (JavaScript reads them as line ends), any other
// character as it is.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	done := 0 // s[:done] is in dst
	for i := 0; i < len(s); {
		if jsonPlain[s[i]] {
			i++
			continue
		}
		var esc string
		n := 1
		if c := s[i]; c < utf8.RuneSelf {
			esc = jsonEscapes[c]
		} else {
			var r rune
			r, n = utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && n == 1:
				esc = `\ufffd`
			case r == '\u2028':
				esc = `\u2028`
			case r == '\u2029':
				esc = `\u2029`
			}
		}
		if esc != "" {
			dst = append(append(dst, s[done:i]...), esc...)
			done = i + n
		}
		i += n
	}
	return append(append(dst, s[done:]...), '"')
}
