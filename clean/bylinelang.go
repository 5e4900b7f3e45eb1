package clean

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// bylineLang is what one language writes in the line under a headline,
// or at an article's end, that names its author and dates it: the
// names of its months (each with the abbreviations and inflected forms
// news templates print), of its weekdays, the words that open a byline
// before the author's name ("Von", "Par"), and the words such a line
// holds beside names and dates (labels that say the story was published
// or updated, prepositions before a date or a time, a clock's word, the
// particles of its surnames: "de", "van der").
// Words are lower-case, separated by spaces; a word of the language's
// data is never a per-site label. golang.org/x/text carries CLDR's
// calendars only in its generators, not as a package: the names are
// written here.
type bylineLang struct {
	months   [12]string
	weekdays string
	by       string
	words    string
	labels   string // the labels a colon follows in a line of the story's source or author ("Quelle: dpa")
	reading  string // the labels of a reading time, "|" between them ("Lesezeit", "temps de lecture")
	minutes  string // the words of a reading time's minutes
	counts   string // the labels of a thread's counters ("antworten zugriffe": "Antworten: 4 Zugriffe: 1.203")
}

// bylineLangs are the languages whose byline and date lines clean reads
// beside English and Chinese (whose forms dateparse.go and filter.go
// read on their own), by BCP 47 tag.
var bylineLangs = map[string]bylineLang{
	"de": {
		months:   [12]string{"januar jan jänner jän", "februar feb", "märz mär maerz", "april apr", "mai", "juni jun", "juli jul", "august aug", "september sep sept", "oktober okt", "november nov", "dezember dez"},
		weekdays: "montag dienstag mittwoch donnerstag freitag samstag sonntag sonnabend",
		by:       "von",
		words:    "und veröffentlicht aktualisiert zuletzt erstellt am um uhr vom stand von zu der den",
		labels:   "quelle autor autorin",
		reading:  "lesezeit|lesedauer",
		minutes:  "min minute minuten",
		counts:   "antworten zugriffe aufrufe beiträge kommentare",
	},
	"fr": {
		months:   [12]string{"janvier janv", "février févr fév", "mars", "avril avr", "mai", "juin", "juillet juil", "août", "septembre sept", "octobre oct", "novembre nov", "décembre déc"},
		weekdays: "lundi mardi mercredi jeudi vendredi samedi dimanche",
		by:       "par",
		words:    "et publié publiée mis à jour modifié actualisé le à h de du la des",
		labels:   "auteur auteurs auteure",
		reading:  "temps de lecture|lecture",
		minutes:  "min minute minutes",
		counts:   "réponses vues messages commentaires",
	},
	"es": {
		months:   [12]string{"enero ene", "febrero feb", "marzo mar", "abril abr", "mayo may", "junio jun", "julio jul", "agosto ago", "septiembre setiembre sep sept", "octubre oct", "noviembre nov", "diciembre dic"},
		weekdays: "lunes martes miércoles jueves viernes sábado domingo",
		by:       "por",
		words:    "y publicado actualizado act el a las de del hs h la",
		labels:   "fuente autor autora autores",
		reading:  "tiempo de lectura|lectura",
		minutes:  "min minuto minutos",
		counts:   "respuestas vistas mensajes comentarios",
	},
	"it": {
		months:   [12]string{"gennaio gen", "febbraio feb", "marzo mar", "aprile apr", "maggio mag", "giugno giu", "luglio lug", "agosto ago", "settembre set", "ottobre ott", "novembre nov", "dicembre dic"},
		weekdays: "lunedì martedì mercoledì giovedì venerdì sabato domenica",
		by:       "di",
		words:    "e pubblicato aggiornato il alle ore di de da della del",
		labels:   "fonte autore autrice autori",
		reading:  "tempo di lettura|lettura",
		minutes:  "min minuto minuti",
		counts:   "risposte visite visualizzazioni messaggi commenti",
	},
	"pt": {
		months:   [12]string{"janeiro jan", "fevereiro fev", "março mar", "abril abr", "maio mai", "junho jun", "julho jul", "agosto ago", "setembro set", "outubro out", "novembro nov", "dezembro dez"},
		weekdays: "segunda-feira terça-feira quarta-feira quinta-feira sexta-feira sábado domingo segunda terça quarta quinta sexta",
		by:       "por",
		words:    "e publicado atualizado actualizado em às de h da do dos das",
		labels:   "fonte autor autora autores",
		reading:  "tempo de leitura|leitura",
		minutes:  "min minuto minutos",
		counts:   "respostas visualizações mensagens comentários",
	},
	"nl": {
		months:   [12]string{"januari jan", "februari feb", "maart mrt", "april apr", "mei", "juni jun", "juli jul", "augustus aug", "september sep sept", "oktober okt", "november nov", "december dec"},
		weekdays: "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag",
		by:       "door",
		words:    "en gepubliceerd bijgewerkt aangepast op om van de der den ter ten",
		labels:   "bron auteur",
		reading:  "leestijd|leesduur",
		minutes:  "min minuten",
		counts:   "reacties weergaven berichten",
	},
	"pl": {
		months:   [12]string{"stycznia styczeń styczen sty", "lutego luty lut", "marca marzec mar", "kwietnia kwiecień kwi", "maja maj", "czerwca czerwiec cze", "lipca lipiec lip", "sierpnia sierpień sie", "września wrzesień wrz", "października październik paź", "listopada listopad lis", "grudnia grudzień gru"},
		weekdays: "poniedziałek wtorek środa czwartek piątek sobota niedziela",
		by:       "przez",
		words:    "i opublikowano aktualizacja zaktualizowano data publikacji godz r roku",
		labels:   "źródło autor autorka autorzy",
		reading:  "czas czytania",
		minutes:  "min minut minuty",
		counts:   "odpowiedzi wyświetlenia posty komentarze",
	},
	// Japanese dates are year-first (2026年3月3日, read as Chinese ones
	// are): only its labels are its own
	"ja": {
		labels: "公開日 更新日 最終更新日 配信日 掲載日 投稿日 出典",
	},
}

// intlMonths maps each month name and abbreviation of bylineLangs to its
// month; intlMonthAlt is them all as an expression's alternatives,
// longest first, so that "marzo" is not read as "mar".
var intlMonths, intlMonthAlt = func() (map[string]int, string) {
	m := map[string]int{}
	for _, l := range bylineLangs {
		for i, names := range l.months {
			for _, n := range strings.Fields(names) {
				m[n] = i + 1
			}
		}
	}
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, regexp.QuoteMeta(n))
	}
	sortLongestFirst(names)
	return m, strings.Join(names, "|")
}()

// sortLongestFirst sorts names by length, longest first, then bytewise.
func sortLongestFirst(names []string) {
	slices.SortFunc(names, func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
}

// The day-first forms of bylineLangs' dates, after their leading word
// boundary: "3. März 2026", "3 de marzo de 2026", "12 stycznia 2025
// roku", "03 mars 2026 à 10h15"; "03.03.2026, 14:20"; "03/03/2026 10h15".
// A time of day may follow the date after a comma and up to two short
// words ("um", "à", "a las"), with a colon or an h between hour and
// minute.
const (
	intlTime     = `(?:,?\s+(?:\pL{1,5}\.?\s+){0,2}(\d{1,2})\s*[:h]\s*(\d{2})\b)?`
	intlNameDate = `(\d{1,2})\.?\s+(?:de\s+)?(` + `MONTHS` + `)\.?,?\s+(?:de\s+|del\s+)?(\d{4})\b` + intlTime
	dotDate      = `(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b` + intlTime
	slashDate    = `(\d{1,2})/(\d{1,2})/(\d{4})\b` + intlTime
)

// intlNameDateExpr is intlNameDate with the month names of bylineLangs,
// to be matched under (?i).
var intlNameDateExpr = strings.Replace(intlNameDate, "MONTHS", intlMonthAlt, 1)

var (
	intlNameDateRe = regexp.MustCompile(`(?i)\b` + intlNameDateExpr)
	dotDateRe      = regexp.MustCompile(`\b` + dotDate)
	slashDateRe    = regexp.MustCompile(`\b` + slashDate)
)

// intlMonth is the month of a name of intlMonths in any case, 0 for none.
func intlMonth(name string) int {
	return intlMonths[strings.ToLower(strings.TrimSuffix(name, "."))]
}

// dayFirstStamp reads the numeric day-first forms' groups (day, month,
// year, hour, minute). A slashed date whose day and month could be
// either (both 12 or less and not equal) is no date: an American page
// writes the month first, and the form cannot tell which page it is on.
func dayFirstStamp(d, mo, y int, slashed bool) (stamp, bool) {
	if slashed && d <= 12 && mo <= 12 && d != mo {
		return stamp{}, false
	}
	return stamp{y: y, mo: mo, d: d}, true
}

// bylineVocab holds every word of bylineLangs that a byline or date line
// holds beside names: months, weekdays and the languages' words; bylineBy
// the words that open a byline.
var bylineVocab, bylineBy = func() (map[string]bool, map[string]bool) {
	vocab, by := map[string]bool{}, map[string]bool{}
	for _, l := range bylineLangs {
		for _, names := range l.months {
			for _, w := range strings.Fields(names) {
				vocab[w] = true
			}
		}
		for _, w := range strings.Fields(l.weekdays + " " + l.words) {
			vocab[w] = true
		}
		for _, w := range strings.Fields(l.by) {
			by[w] = true
		}
	}
	return vocab, by
}()

// The other date forms a byline line may hold beside the day-first ones
// (after them: "3 mars 2026" is read by both), and a time of day.
var (
	otherDateRes = []*regexp.Regexp{isoDateRe, cjkDateRe, mdyDateRe, dmyDateRe}
	clockTimeRe  = regexp.MustCompile(`\b\d{1,2}\s*[:h]\s*\d{2}\b`)
)

// bylineSeps are the marks that set a byline's name off from its date.
const bylineSeps = ",|-–—·•"

// intlBylineLine reports whether t, a short line, is a byline or a date
// line of bylineLangs' shape: what is left of it once its dates and
// times are taken out is words of bylineVocab and names (words that open
// with a capital), and no other word or number; and either
//   - it holds a day-first date of those languages and no name
//     ("Dienstag, 3. März 2026", "Publié le 03/03/2026 à 10h15"), or
//   - it opens with a by-word and names a person, whose name has two
//     words at least when no date follows ("Von Anna Schmidt", "Par Jean
//     Dupont, publié le 3 mars 2026"), or
//   - it names one before its date, set off by a comma, a bar or a dash
//     ("Anna Kowalska, 3 marca 2026").
//
// A lower-case word that is none of the languages' is a sentence's
// ("Die Sitzung vom 3. März 2026 beschloss …"), and a name run into its
// date without a mark ("Version 1.10.2020") is no byline. At most six
// names: a line of more is a list. The caller asks only of lines at the
// story's start or end (cleanRuns).
func intlBylineLine(t string) bool { return intlBylineKind(t) != notByline }

// The kinds of line intlBylineKind tells.
const (
	notByline  = iota
	dateLineOf // a date and the languages' words, no name
	nameLineOf // a name, after a by-word or before a date
)

// intlBylineKind is intlBylineLine's answer with the kind of line.
func intlBylineKind(t string) int {
	dated := false
	rest := t
	for _, re := range [...]*regexp.Regexp{intlNameDateRe, dotDateRe, slashDateRe} {
		if strings.ContainsAny(rest, "0123456789") && re.MatchString(rest) {
			dated = true
			rest = re.ReplaceAllString(rest, " ")
		}
	}
	if dated {
		for _, re := range otherDateRes {
			rest = re.ReplaceAllString(rest, " ")
		}
		rest = clockTimeRe.ReplaceAllString(rest, " ")
	}
	names, opener := 0, false
	for i, w := range strings.FieldsFunc(rest, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '\''
	}) {
		w = strings.Trim(w, "-'")
		low := strings.ToLower(w)
		switch {
		case w == "":
		case i == 0 && bylineBy[low]:
			opener = true
		case strings.ContainsAny(w, "0123456789"):
			return notByline // a number no date or time holds: a count, a version
		case bylineVocab[low]:
		case startsUpper(w):
			names++
		default:
			return notByline // a word of a sentence
		}
	}
	switch {
	case names == 0 && dated:
		return dateLineOf
	case names == 0 || names > 6:
		return notByline
	case opener && (dated || names >= 2), dated && strings.ContainsAny(t, bylineSeps):
		return nameLineOf
	}
	return notByline
}

// intlMetaRe matches a line that bylineLangs' labels open, a colon after
// the label ("Quelle: dpa", "Autor: Anna Kowalska", "公開日：2026年3月3日"),
// as metaLineRe matches the English and Chinese ones. The labels are
// folded as chromeLine folds the line (foldTrad).
var intlMetaRe = func() *regexp.Regexp {
	var alts []string
	for _, l := range bylineLangs {
		for _, w := range strings.Fields(l.labels) {
			alts = append(alts, regexp.QuoteMeta(foldTrad(w)))
		}
	}
	sortLongestFirst(alts)
	return regexp.MustCompile(`(?i)^\s*` + zhOpen + `?\s*(?:` + strings.Join(alts, "|") + `)\s*` + zhSep)
}()

// longestWord is the longest of s's words, the first of equals.
func longestWord(s string) string {
	w := ""
	for _, f := range strings.Fields(s) {
		if len(f) > len(w) {
			w = f
		}
	}
	return w
}

// intlReadingRe matches a line that is only a reading time in one of
// bylineLangs: a label and minutes ("Lesezeit: 4 Minuten", "Lecture 4
// min.", "Czas czytania: 4 min"), or minutes and a label ("4 minuten
// leestijd"); intlReadingWords are the longest word of each label, which
// readingTime looks for before it runs the expression (a label's short
// words, "de", "di", would let nearly every line by).
var intlReadingRe, intlReadingWords = func() (*regexp.Regexp, []string) {
	var labels, mins, words []string
	for _, l := range bylineLangs {
		for _, r := range strings.Split(l.reading, "|") {
			if r = strings.TrimSpace(r); r != "" {
				labels = append(labels, strings.ReplaceAll(regexp.QuoteMeta(r), " ", `\s+`))
				words = append(words, longestWord(r))
			}
		}
		for _, m := range strings.Fields(l.minutes) {
			mins = append(mins, regexp.QuoteMeta(m))
		}
	}
	sortLongestFirst(labels)
	sortLongestFirst(mins)
	label, min := `(?:`+strings.Join(labels, "|")+`)`, `(?:`+strings.Join(mins, "|")+`)`
	return regexp.MustCompile(`(?i)^\W*` + label + `\s*[:：]?\s*(?:ca\.?\s*|~\s*)?\d+\s*` + min + `\.?\W*$|` +
		`^\W*\d+\s*-?\s*` + min + `\.?\s+(?:de\s+|di\s+)?` + label + `\W*$`), words
}()
