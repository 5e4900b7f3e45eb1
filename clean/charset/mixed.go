package charset

import "slices"

// A reading is scored under one language of its charset (fitHist), and a
// text that mixes languages, an English report naming Polish and
// Lithuanian players, fits no one language of the right charset well: a
// charset one of whose languages covers many of the letters the wrong
// reading makes can win. Near such a tie the readings are scored again
// word by word (mixedFit): each name, a word a capital opens, under the
// best language of the charset for it, at switchCost when that is not
// the text's main one. Other words stay in the main language: the foreign
// words of a text are mostly names, and a lower-case word read in another
// language would let a wrong reading escape the function words' evidence.

// nearTie is how far below the best single-language score a reading is
// still scored word by word.
const nearTie = 120

// switchCost is what a word costs a reading for being read in another
// language of the charset than the text's main one.
const switchCost = 25

// mixedNearTie returns the best of fits (best, the best single-language
// one, among them) once the Latin readings within nearTie of best are
// scored word by word; when best is not Latin, or no other reading comes
// near, it returns best.
func mixedNearTie(text []byte, h *hist, fits []sbFit, best sbFit) sbFit {
	if !latinCharset(best.name) {
		return best // a mixed score would overrate Latin readings against it
	}
	var near []sbFit
	for _, f := range fits {
		if nearBest(f, best) && !twinOf(h, f, near) {
			near = append(near, f)
		}
	}
	if len(near) < 2 {
		return best // no tie to settle: scoring words would change no decision
	}
	out := sbFit{score: -1 << 30}
	for _, f := range near {
		if s, lang := mixedFit(text, h, f.name); s > out.score {
			out = sbFit{f.name, lang, s}
		}
	}
	return out
}

// twinOf reports whether f reads text (histogram h) as one of fits
// does, under the same languages: its word scores would be theirs, and
// scoreSingle settles such ties by the fixed preference.
func twinOf(h *hist, f sbFit, fits []sbFit) bool {
	for _, g := range fits {
		if sameLangs(f.name, g.name) && sameDecoding(h, f.name, g.name) {
			return true
		}
	}
	return false
}

// sameLangs reports whether charsets a and b list the same languages.
func sameLangs(a, b string) bool {
	return slices.Equal(sbLangs[a], sbLangs[b])
}

// nearBest reports a Latin reading within nearTie of the best one.
func nearBest(f, best sbFit) bool {
	return f.score >= best.score-nearTie && latinCharset(f.name)
}

// latinCharset reports a charset whose languages write Latin letters.
func latinCharset(name string) bool {
	switch name {
	case "windows-1252", "iso-8859-15", "windows-1250", "iso-8859-2", "iso-8859-16",
		"windows-1257", "iso-8859-13", "iso-8859-4", "windows-1254", "windows-1258":
		return true
	}
	return false
}

// mixedFit is fitHist with each name (a word a capital opens, not
// quoteShaped) read under its best language of charset name: the main
// language (the one returned) scores every word, and a name another
// language reads better than by switchCost scores that instead, less
// switchCost. A non-letter scores alike in every language.
func mixedFit(text []byte, h *hist, name string) (score int, lang string) {
	t := sbTable(name)
	langs := sbLangs[name]
	nl := len(langs)
	var word, total [16]int
	ctx, shared := 0, 0
	inWord, isName := false, false
	wordFrom, highs := 0, 0 // where the word opened, and its non-ASCII letters
	flush := func(end int) {
		if !inWord {
			return
		}
		if !isName || quoteShaped(text, wordFrom, end, highs) {
			for k := 0; k < nl; k++ {
				total[k] += word[k]
				word[k] = 0
			}
			inWord = false
			return
		}
		m := word[0]
		for k := 1; k < nl; k++ {
			m = max(m, word[k])
		}
		for k := 0; k < nl; k++ {
			total[k] += max(word[k], m-switchCost)
			word[k] = 0
		}
		inWord = false
	}
	for i, b := range text {
		if b < 0x80 {
			if !isASCIILetter(b) {
				flush(i)
			} else if !inWord && (i == 0 || !isASCIILetter(text[i-1])) {
				isName = b >= 'A' && b <= 'Z' && !sentenceStart(text, i) // a word opens
				wordFrom, highs = i, 0
			}
			continue
		}
		prev, next := neighbours(text, i)
		ctx += t.context(prev, b, next)
		if !t.letter[b] {
			flush(i)
			shared += int(t.langs[0][b]) // a non-letter scores alike in every language
			continue
		}
		if !inWord && (i == 0 || !isASCIILetter(text[i-1])) {
			isName = t.upper[b] && !sentenceStart(text, i)
			wordFrom, highs = i, 0
		}
		inWord = true
		highs++
		final := next < 0x80 && !isASCIILetter(next)
		lone := apart(prev) && apart(next) && prev != '\'' && next != '\'' && next != '.'
		start := sentenceStart(text, i)
		first := apart(prev) && prev != '\'' && !apart(next)
		for k := 0; k < nl; k++ {
			s := int(t.inner[k][b])
			if final {
				s = int(t.langs[k][b])
			}
			if lone {
				s += int(t.lone[k][b])
			}
			if start {
				s += int(t.start[k][b])
			}
			if first {
				s += int(t.first[k][b])
			} else {
				s += int(t.later[k][b])
			}
			word[k] += s
		}
	}
	flush(len(text))
	score = -1 << 30
	for k := 0; k < nl; k++ {
		if s := total[k] + wordScore(h, langs[k]) + shared + ctx; s > score {
			score, lang = s, langs[k]
		}
	}
	return score, lang
}

// quoteShaped reports a word text[from:end] whose only non-ASCII letters
// (highs) are its first and last bytes: the shape a wrong reading gives
// a word between quote marks (iso-8859-2 reads iso-8859-16's «pushd» as
// Ľpushdľ), which no other language of the charset makes a name.
func quoteShaped(text []byte, from, end, highs int) bool {
	return highs == 2 && end-from >= 2 && text[from] >= 0x80 && text[end-1] >= 0x80
}
