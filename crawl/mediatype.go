package crawl

import (
	"bytes"
	"mime"
	"sync"

	"golang.org/x/net/html/charset"
)

// mediaType is what a Content-Type value says, as mime.ParseMediaType
// and charset.DetermineEncoding read it. A page is read for its links as
// its Content-Type says (readLinks), and parsing the value cost three
// mime.ParseMediaType calls and a charset lookup a page, for the few
// values a site sends: mediaTypeOf remembers them.
type mediaType struct {
	name  string // the media type ParseMediaType returns, even with an error
	valid bool   // ParseMediaType returned no error
	utf8  bool   // its charset parameter names UTF-8 (charset.Lookup)
}

// mediaTypesMax bounds the values remembered: the map is emptied when
// full, so a server that sends a new value with every page costs a parse
// each, as it did before, and no more memory.
const mediaTypesMax = 256

var mediaTypes = struct {
	mu sync.Mutex
	m  map[string]mediaType
}{m: map[string]mediaType{}}

// mediaTypeOf reads the Content-Type value contentType.
func mediaTypeOf(contentType string) mediaType {
	mediaTypes.mu.Lock()
	mt, ok := mediaTypes.m[contentType]
	mediaTypes.mu.Unlock()
	if ok {
		return mt
	}
	mt = parseMediaType(contentType)
	mediaTypes.mu.Lock()
	defer mediaTypes.mu.Unlock()
	if len(mediaTypes.m) >= mediaTypesMax {
		clear(mediaTypes.m)
	}
	mediaTypes.m[contentType] = mt
	return mt
}

// parseMediaType is mediaTypeOf without the memo.
func parseMediaType(contentType string) mediaType {
	name, params, err := mime.ParseMediaType(contentType)
	mt := mediaType{name: name, valid: err == nil}
	if cs, ok := params["charset"]; ok && err == nil {
		e, label := charset.Lookup(cs)
		mt.utf8 = e != nil && label == "utf-8"
	}
	return mt
}

// declaredUTF8 reports whether charset.DetermineEncoding(content,
// contentType) reads content as UTF-8 for its Content-Type alone: no
// byte order mark of UTF-16 comes first (a BOM outranks the header; a
// UTF-8 one agrees with it), and the charset parameter names UTF-8.
func declaredUTF8(content []byte, contentType string) bool {
	if bytes.HasPrefix(content, []byte{0xfe, 0xff}) || bytes.HasPrefix(content, []byte{0xff, 0xfe}) {
		return false
	}
	return mediaTypeOf(contentType).utf8
}
