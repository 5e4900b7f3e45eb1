package charset

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// sbNames are the single-byte encodings the scorer compares, in the fixed
// order of preference that doc.go gives: when several of them decode a text
// to the same characters, the first wins (see scoreSingle). sbLangs lists,
// per encoding, the letter profiles of the languages written in it.
var (
	sbNames = []string{
		"windows-1252", "iso-8859-15", "windows-1250", "iso-8859-2", "iso-8859-16",
		"windows-1257", "iso-8859-13", "iso-8859-4", "windows-1254",
		"windows-1251", "koi8-r", "koi8-u", "iso-8859-5", "x-mac-cyrillic", "ibm866",
		"windows-1253", "iso-8859-7", "windows-1255", "iso-8859-8", "windows-1256",
		"iso-8859-6", "windows-874", "windows-1258",
	}
	nordicLangs  = []string{"da", "no", "sv", "fi"}
	westLangs    = append([]string{"de", "fr", "es", "pt", "it", "nl", "ca", "is", "et", "sq"}, nordicLangs...)
	centralLangs = []string{"cs", "sk", "pl", "hu", "hr", "sl", "ro", "de"}
	balticLangs  = append([]string{"lt", "lv", "et", "pl", "de"}, nordicLangs...)
	cyrLangs     = []string{"ru", "bg", "uk", "be", "sr", "mk"}
	sbLangs      = map[string][]string{
		"windows-1252":   westLangs,
		"iso-8859-15":    westLangs,
		"windows-1250":   centralLangs,
		"iso-8859-2":     centralLangs,
		"iso-8859-16":    {"ro", "pl", "hu", "hr", "sl", "de", "fr", "it", "sq"},
		"windows-1257":   balticLangs,
		"iso-8859-13":    balticLangs,
		"iso-8859-4":     append([]string{"lt", "lv", "et", "de"}, nordicLangs...),
		"windows-1254":   {"tr"},
		"windows-1251":   cyrLangs,
		"koi8-r":         {"ru", "bg"},
		"koi8-u":         {"ru", "uk", "bg"},
		"iso-8859-5":     cyrLangs,
		"x-mac-cyrillic": cyrLangs,
		"ibm866":         {"ru", "bg"},
		"windows-1253":   {"el"},
		"iso-8859-7":     {"el"},
		"windows-1255":   {"he"},
		"iso-8859-8":     {"he"},
		"windows-1256":   {"ar"},
		"iso-8859-6":     {"ar"},
		"windows-874":    {"th"},
		"windows-1258":   {"vi"},
	}
)

// profiles lists each language's non-ASCII letters, lower case, most
// frequent first. Hebrew lists its final forms after the others; Arabic
// lists after its own letters the Persian and Urdu ones windows-1256 also
// writes. Thai lists its consonants and vowels, the signs written above
// and below a consonant among them: they are part of its letters.
// Vietnamese lists the five tone marks windows-1258 writes as combining
// marks after a vowel (dot below, acute, grave, hook above, tilde) among
// its letters, as Thai does its signs.
var profiles = map[string]string{
	"de": "äüößé",
	"fr": "éèàêçôîùâûëïœ",
	"es": "éóáíñúü",
	"pt": "ãçéáíóêõúâôà",
	"it": "èàùòìé",
	"nl": "éëïèöáóúü",
	"ca": "éàèòóíçúïü",
	"da": "åæøé",
	"no": "øåæéòô",
	"sv": "äåöé",
	"fi": "äöšžå",
	"is": "ðáþíóúæöéý",
	"sq": "ëç",
	"cs": "íáéěýčřžšůúňťď",
	"sk": "áíéýčšžôúäňťľďĺŕ",
	"pl": "ęąóśłżćńź",
	"hu": "éáőöóüíúű",
	"hr": "čšžćđ",
	"sl": "čšž",
	"ro": "ăîșțâ",
	"tr": "ıüşçöğâ",
	"ru": "оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё",
	"bg": "оаеинтрсвлкдпмзяъгбчйхжшщцуфюь",
	"uk": "оаніивтерсклудпмзяьгбчхжйшюцєїщфґ",
	"be": "аоыеніртсклвдмпуязьбчгшхйжцўюэёф",
	"sr": "аиоенртјсувлкдмпзгбшчцћхжљњђџф",
	"mk": "аеиорнтсвклдпмзјуѕгбчшцќжфхѓњљџ",
	"el": "αοιετσνηυρπκμλωδγχθφβξζψάέίόύήώςϊϋΐΰ",
	"lt": "ėšųįūžąčę",
	"lv": "āīēšūņļžčķģ",
	"et": "äõüöšž",
	"he": "יוהלארתמבשנעדכקחפסגזצטםןךףץ",
	"ar": "اليمونهربتعفكدسقةحجأإشطصذخثزضغظآىئءؤپچژگکیےںھہ",
	"vi": "\u0323\u0301\u0300ưđ\u0309ôâêơăá\u0303àóúíéùè",
	"th": "านร่อก้เงมยัลิีวดทสตะไคบปหขชพุใแืึจโูำถผซ็ศษฉฟฝธญณฐ์ฑฒฌฎฏฆภฮฬฤๆฯ๊๋ํฃฅฦฺๅ๎",
}

// langNames names the languages of the profiles, for a decision's note.
var langNames = map[string]string{
	"de": "German", "fr": "French", "es": "Spanish", "pt": "Portuguese", "it": "Italian", "nl": "Dutch",
	"ca": "Catalan", "da": "Danish", "no": "Norwegian", "sv": "Swedish", "fi": "Finnish", "is": "Icelandic",
	"et": "Estonian", "sq": "Albanian", "cs": "Czech", "sk": "Slovak", "pl": "Polish", "hu": "Hungarian",
	"hr": "Croatian", "sl": "Slovene", "ro": "Romanian", "tr": "Turkish", "lt": "Lithuanian", "lv": "Latvian",
	"ru": "Russian", "bg": "Bulgarian", "uk": "Ukrainian", "be": "Belarusian", "sr": "Serbian", "mk": "Macedonian",
	"el": "Greek", "he": "Hebrew", "ar": "Arabic", "th": "Thai", "vi": "Vietnamese",
}

// sbFit is how well one single-byte encoding and language explain a text.
type sbFit struct {
	name  string
	lang  string // the language of sbLangs[name] whose reading scored best
	score int
}

// sbTab is a single-byte encoding's decoding of every byte with the
// properties the scorer asks of it, and per language its letter scores.
type sbTab struct {
	r      [256]rune
	letter [256]bool
	lower  [256]bool
	upper  [256]bool
	script [256]int8
	mark   [256]bool     // a combining mark (a Thai vowel or tone sign, a Vietnamese tone), written on the letter before it
	vowel  [256]bool     // a Latin vowel, which a Latin combining mark (a tone) stands on
	thai   [256]int8     // thaiClass of the byte's character
	apos   [256]bool     // an apostrophe, which joins a letter to a word
	opens  [256]bool     // an inverted mark, ¡ or ¿, which opens a sentence
	trails [256]bool     // a mark that follows what it marks: ©, ®, ™
	sym    [256]int16    // symbolScore of non-letters
	langs  []*[256]int16 // in the order of sbLangs[name]
	start  []*[256]int16 // the same: what a byte adds when it opens a sentence (startScores)
	first  []*[256]int16 // the same: what a byte adds when it opens a word (firstScores)
	later  []*[256]int16 // the same: what a byte adds when it does not open a word (laterScores)
	inner  []*[256]int16 // the same, for a byte that does not end a word
	lone   []*[256]int16 // what a byte standing alone as a word adds
}

var (
	tablesOnce sync.Once
	tables     map[string]*sbTab
)

// sbTable gives the decoding table of a single-byte encoding.
func sbTable(name string) *sbTab {
	tablesOnce.Do(func() {
		tables = make(map[string]*sbTab, len(sbNames))
		for _, n := range sbNames {
			tables[n] = newSBTab(n)
		}
	})
	return tables[name]
}

func newSBTab(name string) *sbTab {
	t := &sbTab{}
	for b := 0; b < 256; b++ {
		r := rune(b)
		if b >= 0x80 {
			r, _ = utf8.DecodeRuneInString(decodeAs([]byte{byte(b)}, name))
		}
		t.r[b] = r
		t.mark[b] = unicode.Is(unicode.Mn, r)
		t.letter[b] = unicode.IsLetter(r) || t.mark[b]
		t.vowel[b] = latinVowel(r)
		t.thai[b] = thaiClass(r)
		t.lower[b] = unicode.IsLower(r)
		t.upper[b] = unicode.IsUpper(r)
		t.script[b] = int8(script(r))
		t.apos[b] = r == '\'' || r == '’' || r == 'ʼ'
		t.opens[b] = r == '¡' || r == '¿'
		t.trails[b] = r == '©' || r == '®' || r == '™'
		t.sym[b] = int16(symbolScore(r))
	}
	for _, l := range sbLangs[name] {
		var ls, in [256]int16
		for b := 0x80; b < 256; b++ {
			ls[b] = int16(letterScore(t.r[b], l))
			in[b] = ls[b]
			if finalOnly[l] && ls[b] > 0 && t.letter[b] {
				in[b] = foreignLetter // as a letter the language does not use
			}
			ls[b], in[b] = endFormScores(t.r[b], l, ls[b], in[b])
		}
		t.langs = append(t.langs, &ls)
		t.inner = append(t.inner, &in)
		t.lone = append(t.lone, loneScores(t, l))
		t.start = append(t.start, startScores(t, &ls, l))
		t.first = append(t.first, firstScores(t, &ls, l))
		t.later = append(t.later, laterScores(t, &ls, l))
	}
	return t
}

// loneCost is what a non-ASCII Latin letter costs a reading when it
// stands alone as a word and the language writes no such word: windows-1252's
// guillemets in « %s » read in iso-8859-2 as Ť %s ť.
const loneCost = 30

// loneWords are, per language, the non-ASCII letters that are words of
// their own (French à, Norwegian å and ø, Hungarian ő, Lithuanian į); the
// other languages write none.
var loneWords = map[string]string{
	"fr": "à", "it": "è", "pt": "àé", "es": "ó", "ca": "à", "da": "åø", "no": "åø",
	"sv": "åö", "is": "áí", "hu": "ő", "lt": "į", "ro": "î",
}

// loneScores is what each byte standing alone adds to a reading in lang:
// -loneCost for a non-ASCII Latin letter that lang writes in no
// one-letter word, nothing otherwise (a lone letter of another alphabet
// costs in context).
func loneScores(t *sbTab, lang string) *[256]int16 {
	var out [256]int16
	for b := 0x80; b < 256; b++ {
		r := t.r[b]
		if t.letter[b] && t.script[b] == 1 && !strings.ContainsRune(loneWords[lang], unicode.ToLower(r)) {
			out[b] = -loneCost
		}
	}
	return &out
}

// neverFirst are, per language, the letters that open none of its words:
// Icelandic ð, Turkish ğ, Russian ь, ъ and ы, Polish ą, ę and ń, Czech ů
// and ě. A wrong reading puts them there: windows-1252 reads the
// Lithuanian "ŠIAULIAI" (iso-8859-13) as "ÐIAULIAI", an Icelandic capital.
var neverFirst = map[string]string{
	"is": "ð", "tr": "ğ", "ru": "ьъы", "uk": "ь", "pl": "ąęń", "cs": "ůě",
}

// onlyFirst are, per language, the letters that open its words and
// hardly occur inside one: Icelandic þ (þú, það, þegar; inside a word
// only where compounds join, alþingi). A wrong reading puts them
// inside words: windows-1252 reads Turkish ş (windows-1254) and
// Latvian ū (iso-8859-4) as þ, "Ayþe", "Rþdolfs". Vietnamese writes
// each syllable apart, and đ opens its syllable: windows-1258 reads
// Turkish ğ and Icelandic ð inside words as đ, "yađmur".
var onlyFirst = map[string]string{"is": "þ", "vi": "đ"}

// firstScores is what each byte adds to a reading in lang when it opens a
// word (hist.first): a letter that opens none of lang's words
// (neverFirst) scores there as a letter lang does not use.
func firstScores(t *sbTab, ls *[256]int16, lang string) *[256]int16 {
	return foreignAt(t, ls, neverFirst[lang])
}

// laterScores is what each byte adds to a reading in lang when it does
// not open a word (hist.all less hist.first): a letter of onlyFirst[lang]
// scores there as a letter lang does not use.
func laterScores(t *sbTab, ls *[256]int16, lang string) *[256]int16 {
	return foreignAt(t, ls, onlyFirst[lang])
}

// foreignAt is what each byte adds to a reading, at the places of a word
// the caller counts, when letters are the letters lang does not use there:
// such a letter, capital or small, scores as a letter the language does
// not use (foreignLetter) instead of its own score ls[b]; other bytes
// add nothing.
func foreignAt(t *sbTab, ls *[256]int16, letters string) *[256]int16 {
	var out [256]int16
	for b := 0x80; b < 256; b++ {
		if t.letter[b] && strings.ContainsRune(letters, unicode.ToLower(t.r[b])) {
			out[b] = foreignLetter - ls[b]
		}
	}
	return &out
}

// startScores is what each byte adds to a reading in lang when it opens a
// sentence (hist.start): a capital of lang there is as likely as its small
// letter, and earns what the small letter scores beyond the capital's
// score (letterScore weighs capitals down for running text); other bytes
// add nothing.
func startScores(t *sbTab, ls *[256]int16, lang string) *[256]int16 {
	var out [256]int16
	for b := 0x80; b < 256; b++ {
		if !t.upper[b] || ls[b] <= foreignLetter {
			continue // not a capital, or not one of lang's letters
		}
		if low := letterScore(unicode.ToLower(t.r[b]), lang); low > int(ls[b]) {
			out[b] = int16(low) - ls[b]
		}
	}
	return &out
}

// scoreSingle returns the best-scoring single-byte encoding for text, whose
// histogram is h.
// Among the encodings that decode text to the same characters as the best
// one, the first of sbNames wins, whatever their scores: a tie by identity
// is settled by the fixed preference, not by which languages each lists.
func scoreSingle(text []byte, h *hist) sbFit {
	best := sbFit{score: -1 << 30}
	fits := make([]sbFit, len(sbNames))
	for i, n := range sbNames {
		s, lang := fitHist(text, h, n)
		fits[i] = sbFit{n, lang, s}
		if s > best.score {
			best = fits[i]
		}
	}
	best = mixedNearTie(text, h, fits, best)
	for _, n := range sbNames {
		if n == best.name || sameDecoding(h, n, best.name) {
			best.name = n
			break
		}
	}
	return best
}

// hist counts the non-ASCII bytes of a text, of those the ones that end a
// word (final: the next byte is ASCII but no letter, or there is none),
// and the ones that stand alone as a word (lone: the bytes on each side
// are apart, or there is none, neither is an apostrophe and the next is
// no full stop, which ends an initial, "Š. Novak"). That holds whatever
// the charset, since it looks at ASCII and no-break spaces only. It also
// counts the non-ASCII bytes that open a sentence (start: the text's first
// byte, or one after a line break or after a full stop, question or
// exclamation mark and a space, sentenceStart), where a capital belongs.
type hist struct {
	all, final, lone, start [256]int
	first                   [256]int       // bytes that open a word: after a byte apart, before one that is not
	stops                   map[string]int // function words per language (stopHits)
}

func newHist(text []byte) *hist {
	h := &hist{stops: stopHits(text)}
	for i, b := range text {
		if b < 0x80 {
			continue
		}
		h.all[b]++
		var prev, next byte = ' ', ' '
		if i > 0 {
			prev = text[i-1]
		}
		if i+1 < len(text) {
			next = text[i+1]
		}
		if next < 0x80 && !isASCIILetter(next) {
			h.final[b]++
		}
		if apart(prev) && apart(next) && prev != '\'' && next != '\'' && next != '.' {
			h.lone[b]++
		}
		if sentenceStart(text, i) {
			h.start[b]++
		}
		if apart(prev) && prev != '\'' && !apart(next) {
			h.first[b]++
		}
	}
	return h
}

// sentenceStart reports whether text[i] opens a sentence: it is the first
// byte, or the ASCII before it is a line break (in a page's visible text,
// also a tag that starts or ends a block: visible), or spaces after a
// full stop, a question or an exclamation mark.
func sentenceStart(text []byte, i int) bool {
	j := i - 1
	for j >= 0 && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
		j--
	}
	if j < 0 || text[j] == '\n' {
		return true
	}
	return j < i-1 && (text[j] == '.' || text[j] == '!' || text[j] == '?')
}

// apart reports a byte beside which a letter stands apart from others:
// ASCII but no letter, or 0xA0, a no-break space in every charset with
// Latin letters (French writes one inside « and »).
func apart(c byte) bool {
	return c < 0x80 && !isASCIILetter(c) || c == 0xA0
}

// sameDecoding reports whether encodings a and b decode every non-ASCII
// byte that occurs (h) to the same character.
func sameDecoding(h *hist, a, b string) bool {
	ta, tb := sbTable(a), sbTable(b)
	for c := 0x80; c < 256; c++ {
		if h.all[c] > 0 && ta.r[c] != tb.r[c] {
			return false
		}
	}
	return true
}

// neighbours returns the bytes before and after text[i], a space where
// text begins or ends: the context a byte's reading is weighed in.
func neighbours(text []byte, i int) (prev, next byte) {
	prev, next = ' ', ' '
	if i > 0 {
		prev = text[i-1]
	}
	if i+1 < len(text) {
		next = text[i+1]
	}
	return prev, next
}

// fitHist scores text, whose byte histogram is h, decoded with name under
// the best of its languages, and names that language: the letter scores
// are per byte value (and word end), the context is per occurrence.
func fitHist(text []byte, h *hist, name string) (score int, lang string) {
	t := sbTable(name)
	ctx := 0
	for i, b := range text {
		if b < 0x80 {
			continue
		}
		prev, next := neighbours(text, i)
		ctx += t.context(prev, b, next)
	}
	score = -1 << 30
	for i, ls := range t.langs {
		in, lone, start, first, later := t.inner[i], t.lone[i], t.start[i], t.first[i], t.later[i]
		l := wordScore(h, sbLangs[name][i])
		for c := 0x80; c < 256; c++ {
			if n := h.all[c]; n > 0 {
				l += h.final[c]*int(ls[c]) + (n-h.final[c])*int(in[c]) + h.lone[c]*int(lone[c]) + h.start[c]*int(start[c]) + h.first[c]*int(first[c]) + (n-h.first[c])*int(later[c])
			}
		}
		if l+ctx > score {
			score, lang = l+ctx, sbLangs[name][i]
		}
	}
	return score, lang
}

// foreignLetter is what a letter scores in a language that does not
// use it (letterScore), and an end form inside a word (endFormScores).
const foreignLetter = -20

// letterScore weighs r by its rank in the language profile: frequent
// lower-case letters score most, capitals less, foreign letters and
// symbols below zero, undefined bytes and C1 controls far below.
func letterScore(r rune, lang string) int {
	switch {
	case r == utf8.RuneError || (r >= 0x80 && r < 0xA0):
		return -60
	case !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r):
		return symbolScore(r)
	}
	lower := unicode.ToLower(r)
	rank := profileRank(lower, lang)
	if lower < 0x80 && lower != r {
		rank = 0 // a capital whose small letter is ASCII (Turkish İ, i): as frequent as letters come
	}
	if rank < 0 {
		return foreignLetter
	}
	s := 40 - rank
	if lower != r {
		s = s/2 - 10
	}
	return s
}

// finalOnly are the languages that write their accented letters only at
// the end of a word: Italian accents a word's last vowel (è, città,
// perché, più, così) and nowhere else.
var finalOnly = map[string]bool{"it": true}

// endForms are, per language, the letters written only at a word's end
// and the letters they stand for elsewhere: Hebrew's final kaf, mem,
// nun, pe and tsadi, Greek's final sigma. Where a letter stands is
// evidence a letter's frequency is not: a Hebrew name list ("כהן",
// "שירן") read in windows-1253 ends its words in ο and ν, frequent Greek
// letters, and its final forms, listed last in the Hebrew profile, scored
// below them.
var endForms = map[string]map[rune]rune{
	"he": {'ך': 'כ', 'ם': 'מ', 'ן': 'נ', 'ף': 'פ', 'ץ': 'צ'},
	"el": {'ς': 'σ'},
}

// endFormScores is what r adds to a reading in lang at a word's end
// (atEnd) and elsewhere (inside), given its scores by frequency: an end
// form scores at the end as the letter it stands for, and inside a word
// as a letter lang does not use (foreignLetter); the letter an end form
// stands for scores foreignLetter at the end, where lang writes the end
// form instead.
func endFormScores(r rune, lang string, atEnd, inside int16) (int16, int16) {
	forms := endForms[lang]
	if base, ok := forms[r]; ok {
		return int16(letterScore(base, lang)), foreignLetter
	}
	for _, base := range forms {
		if r == base {
			return foreignLetter, inside
		}
	}
	return atEnd, inside
}

// variants are letters a language writes in two forms: Romanian ș and ț
// were written ş and ţ (cedilla) in the charsets that lack the comma forms,
// and are the same letters.
var variants = map[string]map[rune]rune{
	"ro": {'ş': 'ș', 'ţ': 'ț'},
}

// profileRank is r's 0-based position in lang's profile scaled to 0..20,
// or -1 when the language does not use r.
func profileRank(r rune, lang string) int {
	if v, ok := variants[lang][r]; ok {
		r = v
	}
	p := profiles[lang]
	i := strings.IndexRune(p, r)
	if i < 0 {
		return -1
	}
	return 20 * utf8.RuneCountInString(p[:i]) / utf8.RuneCountInString(p)
}

// symbolScore weighs a non-letter: the punctuation and signs running text
// uses are neutral, rarer signs slightly suspect, other symbols more.
func symbolScore(r rune) int {
	switch {
	case strings.ContainsRune("\u00a0«»„“”‘’‚–—…•€£©®°§·×²³¿¡", r):
		return 0
	case strings.ContainsRune("¥¢™½¼¾±", r):
		return -5
	}
	return -15
}

// mixedCost is what a letter costs a reading for each side on which it
// touches a letter of another script: more than the most frequent letter
// scores, so that a letter glued into a word of another alphabet earns
// nothing (ibm866 reads French's no-break space, 0xA0, as а: "%sа:").
const mixedCost = 60

// context penalises what wrong decodings produce around byte b: a symbol
// inside a word, a mark that follows a name opening a word (trailCost), a
// capital after a small letter, two scripts in one word, a lone letter
// of a non-Latin alphabet (one next to an apostrophe is an elision, as
// Greek writes μ’ for με), a letter stuck to a digit, an inverted mark
// that ends a word (¡ and ¿ open a sentence: windows-1252 reads
// iso-8859-13's closing quote ” as ¡), a Latin combining mark (a
// Vietnamese tone in windows-1258) on anything but a vowel (latinVowel).
func (t *sbTab) context(prev, b, next byte) int {
	pl, nl := t.letter[prev], t.letter[next]
	if !t.letter[b] {
		if t.opens[b] && (pl || isDigit(prev)) {
			return -10
		}
		if t.trails[b] && nl && !pl {
			return -trailCost
		}
		if t.sym[b] == 0 {
			return 0
		}
		return -10 * (b2i(pl) + b2i(nl))
	}
	s := 0
	if t.thai[b] != thaiNone {
		s -= t.thaiOrder(prev, b, next)
	}
	if t.script[b] > 1 && !pl && !nl && !t.apos[prev] && !t.apos[next] {
		s -= 35
	}
	if isDigit(prev) || isDigit(next) {
		s -= 20
	}
	if t.upper[b] && t.lower[prev] {
		s -= 15
	}
	if pl && t.script[prev] != t.script[b] {
		s -= mixedCost
	}
	if nl && t.script[next] != t.script[b] {
		s -= mixedCost
	}
	if t.r[b] == 'ς' && nl {
		s -= 30 // final sigma inside a word
	}
	if t.mark[b] && t.script[b] == 1 && !t.vowel[prev] {
		s -= mixedCost // a tone mark off a vowel
	}
	return s
}

// latinVowel reports a Latin vowel, with or without diacritics (â, ơ,
// ư): the letters a Latin combining mark, a Vietnamese tone, stands on.
// A wrong windows-1258 reading puts its marks after consonants or other
// marks: Italian "però" and "così" read as "per" and "cos" with a dot
// below or an acute on the consonant.
func latinVowel(r rune) bool {
	if script(r) != 1 || !unicode.IsLetter(r) {
		return false
	}
	d := []rune(norm.NFD.String(string(unicode.ToLower(r))))
	return strings.ContainsRune("aeiouy", d[0])
}

// trailCost is what a mark that follows a name (©, ®, ™) costs a reading
// when it opens a word, glued to the letter after it: windows-1250 reads
// iso-8859-2's Ž and Š as ® and © ("®algiris", "©koda").
const trailCost = 20

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// script classifies letters by the alphabets single-byte pages use.
func script(r rune) int {
	switch {
	case r < 0x250, r >= 0x300 && r < 0x370: // Latin, and the combining marks Latin letters carry
		return 1
	case r >= 0x370 && r < 0x400:
		return 2
	case r >= 0x400 && r < 0x530:
		return 3
	case r >= 0x590 && r < 0x600:
		return 4
	case r >= 0x600 && r < 0x700:
		return 5
	case r >= 0xE00 && r < 0xE80:
		return 6
	}
	return 0
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// The classes of Thai characters that thaiOrder weighs.
const (
	thaiNone   = iota // not Thai
	thaiCons          // a consonant
	thaiLead          // a vowel written before its consonant: เ แ โ ใ ไ
	thaiFollow        // a vowel written after it: ะ า ำ ๅ
	thaiMark          // a vowel or tone sign written above or below it
	thaiOther         // a digit or a sign
)

// thaiClass classifies r for thaiOrder.
func thaiClass(r rune) int8 {
	switch {
	case r >= 0xE01 && r <= 0xE2E:
		return thaiCons
	case r >= 0xE40 && r <= 0xE44:
		return thaiLead
	case r == 0xE30 || r == 0xE32 || r == 0xE33 || r == 0xE45:
		return thaiFollow
	case unicode.Is(unicode.Mn, r) && r >= 0xE00 && r < 0xE80:
		return thaiMark
	case r >= 0xE00 && r < 0xE80:
		return thaiOther
	}
	return thaiNone
}

// thaiOrder is what a Thai character b costs a reading where it breaks
// the order Thai writes a syllable in: a vowel written before its
// consonant must have one after it, and a sign above or below or a
// vowel written after must follow a consonant or a sign on one (a
// Thai page is that order throughout; CJK or Cyrillic bytes read as
// Thai break it at every few characters). Each break costs mixedCost;
// a consonant between two others costs thaiRunCost.
func (t *sbTab) thaiOrder(prev, b, next byte) int {
	switch t.thai[b] {
	case thaiLead:
		if t.thai[next] != thaiCons {
			return mixedCost
		}
	case thaiMark:
		if p := t.thai[prev]; p != thaiCons && p != thaiMark {
			return mixedCost
		}
	case thaiFollow:
		if p := t.thai[prev]; p != thaiCons && p != thaiMark {
			return mixedCost
		}
	case thaiCons:
		if t.thai[prev] == thaiCons && t.thai[next] == thaiCons {
			return thaiRunCost
		}
	}
	return 0
}

// thaiRunCost is what a Thai consonant between two others costs a
// reading: Thai writes most syllables with a vowel sign, and three
// consonants in a row are a few in a hundred letters of Thai text,
// where the two bytes of CJK codes read as Thai run half of them
// together.
const thaiRunCost = 20
