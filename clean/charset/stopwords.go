package charset

import "slices"

// A text's ASCII words tell its language whatever its charset: they read
// the same in every single-byte encoding. A few accented letters alone
// can make a wrong language's reading score best (an Italian "giovedì"
// read in iso-8859-4 ends in the Lithuanian ė, a more frequent letter of
// its language than ì is of Italian); the function words around them
// ("della", "che", "per") say which language the letters belong to. Each
// language of a profile lists its most frequent function words written in
// ASCII letters only, two letters or more (one-letter words are shared by
// too many languages to tell them apart). A word shared by several
// languages counts for each.
var stopwords = map[string][]string{
	"de": {"der", "die", "und", "das", "ist", "nicht", "mit", "den", "von", "zu", "sich", "ein", "eine", "auf", "dem"},
	"fr": {"de", "la", "le", "les", "et", "des", "est", "une", "du", "en", "que", "pour", "dans", "qui", "pas"},
	"es": {"de", "la", "que", "el", "en", "los", "las", "por", "con", "una", "del", "se", "para", "como", "su"},
	"pt": {"de", "que", "do", "da", "em", "os", "para", "com", "uma", "no", "na", "se", "por", "mais", "dos"},
	"it": {"il", "di", "che", "la", "della", "per", "non", "sono", "gli", "le", "del", "un", "una", "con", "nel"},
	"nl": {"de", "het", "een", "en", "van", "niet", "zijn", "dat", "op", "met", "voor", "te", "ook", "aan", "die"},
	"ca": {"de", "la", "que", "el", "les", "els", "en", "per", "amb", "una", "del", "es", "no", "com", "al"},
	"is": {"og", "sem", "er", "til", "um", "en", "ekki", "var", "hann", "hefur", "eru", "vera", "hafa"},
	"et": {"ja", "on", "ei", "et", "ka", "oli", "mis", "kui", "see", "aga", "ning", "nii", "seda", "kes"},
	"sq": {"dhe", "me", "nga", "se", "ka", "do", "si", "por", "nuk", "ishte", "kjo", "ky"},
	"da": {"og", "at", "det", "er", "en", "til", "den", "af", "som", "med", "har", "for", "ikke", "der", "de"},
	"no": {"og", "det", "er", "en", "til", "som", "av", "med", "har", "ikke", "den", "for", "at", "de", "om"},
	"sv": {"och", "att", "det", "som", "en", "av", "med", "har", "inte", "den", "var", "till", "om", "ett", "de"},
	"fi": {"ja", "on", "ei", "se", "oli", "kun", "mutta", "niin", "jo", "kuin", "ovat", "mukaan", "sen"},
	"cs": {"se", "na", "je", "to", "ve", "za", "do", "jak", "ale", "po", "od", "jsou", "by", "pro", "jako"},
	"sk": {"sa", "na", "je", "to", "za", "do", "ako", "ale", "po", "od", "sme", "pre", "by", "aj", "bol", "ich"},
	"pl": {"na", "nie", "to", "do", "jest", "po", "od", "za", "jak", "ale", "tak", "jego", "przez", "dla", "jej"},
	"hu": {"az", "hogy", "nem", "egy", "meg", "van", "csak", "de", "ki", "volt", "mint", "ezt", "pedig", "vagy"},
	"hr": {"je", "na", "se", "da", "za", "od", "su", "ali", "kao", "koji", "biti", "bio", "iz", "sa", "po"},
	"sl": {"in", "je", "na", "se", "da", "za", "so", "pa", "ki", "ne", "kot", "bi", "po", "tudi", "iz"},
	"ro": {"de", "la", "cu", "pe", "un", "care", "din", "nu", "mai", "sa", "se", "au", "fost", "este", "sau"},
	"lt": {"ir", "kad", "su", "yra", "tai", "bet", "kaip", "nuo", "iki", "buvo", "jis", "tik", "apie", "kas"},
	"lv": {"un", "ir", "ka", "ar", "par", "no", "uz", "kas", "bet", "lai", "tas", "var", "bija", "ja", "pie"},
	"tr": {"ve", "bir", "bu", "da", "de", "ile", "gibi", "daha", "ne", "ama", "olarak", "kadar", "en", "her"},
}

// stopWeight is what one function word of a language adds to a reading
// in that language: about half the weight of a frequent accented letter
// (letterScore), so a few words settle a near tie between languages
// while many accented letters still outweigh them.
const stopWeight = 15

// stopIndex maps a function word to the languages that list it.
var stopIndex = func() map[string][]string {
	idx := map[string][]string{}
	for lang, words := range stopwords {
		for _, w := range words {
			if !slices.Contains(idx[w], lang) {
				idx[w] = append(idx[w], lang)
			}
		}
	}
	return idx
}()

// plainWords is the key under which stopHits counts every such ASCII
// word of two letters or more, a function word or not (plainCost).
const plainWords = "+plain"

// plainCost is, per language, what each plain ASCII word near a text's
// non-ASCII bytes costs a reading in it: Vietnamese writes a tone or a
// letter of its own (ư, ơ, đ, ă, â, ê, ô) in most of its syllables, and a
// text of plain words around one or two accented letters is a western
// text whose few letters windows-1258 reads otherwise (Italian "può" as
// "pu" with a dot below). The cost is a tenth of what a Vietnamese
// syllable's letters score: Vietnamese text, a quarter or a third of
// whose syllables are plain ("trong", "cho", "Minh"), keeps its reading.
var plainCost = map[string]int{"vi": 4}

// wordScore is what text's ASCII words (stopHits, h.stops) add to a
// reading in lang: its function words, less plainCost for every plain
// word.
func wordScore(h *hist, lang string) int {
	return stopWeight*h.stops[lang] - plainCost[lang]*h.stops[plainWords]
}

// stopHits counts, per language, the function words among text's ASCII
// words near its non-ASCII bytes (nearHigh): runs of ASCII letters with no
// letter or non-ASCII byte on either side (a word that touches a non-ASCII
// byte may go on in a letter). Under plainWords it counts all those words
// of two letters or more.
func stopHits(text []byte) map[string]int {
	hits := map[string]int{}
	var word [8]byte
	last, next := -1, 0 // the last non-ASCII byte before the word read, and the first after it (len(text) for none)
	for i := 0; i < len(text); {
		if !isASCIILetter(text[i]) {
			if text[i] >= 0x80 {
				last = i
			}
			i++
			continue
		}
		j := i
		for j < len(text) && isASCIILetter(text[j]) {
			j++
		}
		if next < j {
			next = firstHighFrom(text, j)
		}
		if j-i <= len(word) && (i == 0 || text[i-1] < 0x80) && (j == len(text) || text[j] < 0x80) && nearHigh(i, j, last, next, len(text)) {
			if j-i >= 2 {
				hits[plainWords]++
			}
			n := copy(word[:], text[i:j])
			for k := range n {
				word[k] |= 0x20 // lower case: every byte is an ASCII letter
			}
			for _, lang := range stopIndex[string(word[:n])] {
				hits[lang]++
			}
		}
		i = j
	}
	return hits
}

// stopReach is how far from a non-ASCII byte, in bytes, a function word
// still counts (stopHits): the words around a text's accented letters say
// whose letters they are; those of a stretch of ASCII elsewhere, an
// English page around a foreign name (whose "to", "in", "on", "for" are
// Czech, Slovene, Estonian or Danish function words), say nothing of them.
const stopReach = 150

// nearHigh reports whether the word text[i:j] lies within stopReach bytes
// of a non-ASCII byte of a text of n bytes: last is the last one before
// i (-1 for none), next the first at or after j (n for none).
func nearHigh(i, j, last, next, n int) bool {
	return last >= 0 && i-last <= stopReach || next < n && next-j < stopReach
}

// firstHighFrom is the index of the first non-ASCII byte of b at or after
// from, or len(b): it is looked for once per stretch of ASCII.
func firstHighFrom(b []byte, from int) int {
	if k := firstHigh(b[from:]); k >= 0 {
		return from + k
	}
	return len(b)
}
