package archive

// captureDict is the preset dictionary binary capture records are
// deflated against (codec.go): the field names of a capture's JSON, in
// the order encoding/json writes them, and the header lines and values
// most captures carry. A capture is a few kilobytes, too short for
// deflate to find its own repeats early; with the dictionary, the names
// and common values cost a few bits each from the first byte.
//
// It may never change: every binary capture written with it is read with
// it. A better dictionary is a new record form with its own marker.
const captureDict = `{"id":0,"run_id":0,"kind":"revisit-not-modified","kind":"revisit-identical","kind":"failed","kind":"stitched",` +
	`"date_candidates":[{"value":"","source":"meta:article:published_time","text":""},{"value":"","source":"json-ld:datePublished","text":""},` +
	`{"value":"","source":"url:path","text":""},{"value":"","source":"visible:line","text":""},{"value":"","source":"last-modified","text":""}],` +
	`"published_why":"meta: explicit publication metadata, which outranks visible lines, <time>, the URL path, modification dates and Last-Modified; 2 candidates",` +
	`"charset_evidence":"utf8-valid","charset_evidence":"header","charset_evidence":"meta","charset_evidence":"detector","charset_evidence":"bom",` +
	`"charset":"gb18030","charset":"gbk","charset":"big5","charset":"windows-1252","charset_confidence":100,"charset_note":"",` +
	`"authority":"official","authority":"agency","authority":"news","authority":"portal","authority":"aggregator","authority":"unknown",` +
	`"lang":"zh","lang":"en","extractor":"rule","extractor":"generic","extractor_version":"clean/","norm_version":1,` +
	`"text_truncated":true,"text_limit":0,"shingles":0,"next_page":"","prev_page":"","page_number":0,"pages":[{"url":"","capture_id":0,"text_sha256":"","payload_sha256":""}],` +
	`"captions":[""],"error":"","limit":0,"truncated":true,"rule":"","canonical":"http://www.","canonical":"https://www.",` +
	`"request_header":{"Accept":["*/*"],"Accept-Encoding":["gzip, deflate"],"Host":[""],"If-Modified-Since":[""],"If-None-Match":[""],"User-Agent":["prov/0.1.0 (+https://github.com/prov-archive/prov)"]},` +
	`"response_header":{"Accept-Ranges":["bytes"],"Cache-Control":["max-age=0, no-cache"],"Connection":["keep-alive"],"Content-Encoding":["gzip"],"Content-Length":[""],` +
	`"Content-Type":["text/html; charset=utf-8"],"Content-Type":["text/html"],"Date":[""],"Etag":[""],"Expires":[""],"Last-Modified":[""],"Server":["nginx"],"Set-Cookie":[""],"Vary":["Accept-Encoding"],` +
	`"Strict-Transport-Security":["max-age=31536000"],"X-Content-Type-Options":["nosniff"],"X-Frame-Options":["SAMEORIGIN"]},` +
	`"requested_url":"http://www.","final_url":"https://www.","url":"https://www.","redirects":[{"url":"","status":301,"request_head":"","response_head":""}],` +
	`"response_head":"HTTP/1.1 301 Moved Permanently\r\nLocation: https://\r\nContent-Length: 0\r\n",` +
	`"response_head":"HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Type: text/html; charset=utf-8\r\nContent-Type: text/html\r\nContent-Length: \r\n` +
	`Connection: keep-alive\r\nVary: Accept-Encoding\r\nContent-Encoding: gzip\r\nAccept-Ranges: bytes\r\nCache-Control: max-age=0\r\nExpires: \r\nEtag: \r\n` +
	`Last-Modified: Mon, 01 Jan 2024 00:00:00 GMT\r\nDate: Wed, 01 Jan 2025 00:00:00 GMT\r\nTransfer-Encoding: chunked\r\n",` +
	`"request_head":"GET / HTTP/1.1\r\nHost: www.\r\nUser-Agent: prov/0.1.0 (+https://github.com/prov-archive/prov)\r\nAccept: */*\r\nIf-Modified-Since: \r\nIf-None-Match: \r\nAccept-Encoding: gzip, deflate\r\n",` +
	`"method":"GET","status":200,"status":304,"status":404,"fetch_start":"0001-01-01T00:00:00Z","fetch_end":"0001-01-01T00:00:00Z","remote_addr":"127.0.0.1:80",` +
	`"payload_length":0,"tool_version":"prov/0.1.0","charset":"utf-8","charset_evidence":"utf8-valid","charset_confidence":100,"title":"","published":"",` +
	`"published_why":"meta:pubdate: explicit publication metadata","date_candidates":[{"value":"","source":"meta:pubdate","text":""}],"publisher":"","authority":"",` +
	`"author":"","attribution":"","lang":"zh","norm_version":1,"extractor":"generic","extractor_version":"clean/12"}`

// captureDictBytes is captureDict as the flate coders take it.
var captureDictBytes = []byte(captureDict)
