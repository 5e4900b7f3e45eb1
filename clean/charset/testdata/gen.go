//go:build ignore

// gen writes the fixtures of this folder by encoding text with x/text.
// Run from the package directory: go run testdata/gen.go
package main

import (
	"log"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

const (
	zh     = "构建网络空间命运共同体是中国政府发布的白皮书，阐述了中国在互联网发展和治理方面的理念与实践。"
	zhRare = "古籍中的㐀㐁㐂三个字与䶵字都要用四字节编码。"
	zhTrad = "攜手構建網絡空間命運共同體，這是中國政府發表的白皮書。"
	fr     = "Le gouvernement a publié un « livre blanc » sur l’espace numérique — c’était prévu déjà."
	ru     = "Совместно строить сообщество единой судьбы в киберпространстве: белая книга правительства."
	ja     = "サイバー空間における運命共同体の構築について、政府は白書を発表した。"
	ko     = "사이버 공간 운명공동체 구축에 관한 백서를 정부가 발표했다."
)

func main() {
	pad := "<script>" + strings.Repeat("var x = 1; // padding so the meta comes late\n", 40) + "</script>"
	write("gb18030_meta_late.html", simplifiedchinese.GB18030,
		"<html><head>"+pad+`<meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><p>`+zh+zhRare+"</p></body></html>")
	write("gbk_wrong_header.html", simplifiedchinese.GBK, "<html><head><title>白皮书</title></head><body><p>"+zh+"</p></body></html>")
	write("big5_meta.html", traditionalchinese.Big5, `<html><head><meta charset="big5"><title>白皮書</title></head><body><p>`+zhTrad+"</p></body></html>")
	write("utf8_bom.html", nil, "\uFEFF<html><body><p>"+zh+"</p></body></html>")
	write("win1252_latin1.html", charmap.Windows1252, `<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body><p>`+fr+"</p></body></html>")
	write("utf8_plain.html", nil, "<html><body><p>"+fr+" "+zh+"</p></body></html>")
	write("short_gbk.txt", simplifiedchinese.GBK, "白皮书发布")
	write("koi8r.txt", charmap.KOI8R, ru)
	write("win1251.txt", charmap.Windows1251, ru)
	write("shift_jis.html", japanese.ShiftJIS, "<html><body><p>"+ja+"</p></body></html>")
	write("euc_jp.html", japanese.EUCJP, "<html><body><p>"+ja+"</p></body></html>")
	write("iso2022jp.txt", japanese.ISO2022JP, ja)
	write("euc_kr.html", korean.EUCKR, "<html><body><p>"+ko+"</p></body></html>")
	write("utf16le_nobom.txt", unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "The white paper, published in November 2022.")
	write("ascii.html", nil, "<html><body><p>Plain ASCII page.</p></body></html>")
}

func write(name string, enc encoding.Encoding, text string) {
	b := []byte(text)
	if enc != nil {
		var err error
		if b, err = enc.NewEncoder().Bytes(b); err != nil {
			log.Fatalf("%s: %v", name, err)
		}
	}
	if err := os.WriteFile(filepath.Join("testdata", name), b, 0o644); err != nil {
		log.Fatal(err)
	}
}
