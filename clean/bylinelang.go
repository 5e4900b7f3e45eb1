package clean

import (
	"regexp"
	"slices"
	"strings"
)

// bylineLang is what one language writes in the line under a headline,
// or at an article's end, that dates the story: the names of its months,
// each with the abbreviations and inflected forms news templates print,
// lower-case and separated by spaces. It is the language's data, never
// a site's label. golang.org/x/text carries CLDR's calendars only in its
// generators, not as a package: the names are written here.
type bylineLang struct {
	months [12]string
}

// bylineLangs are the languages whose byline and date lines clean reads
// beside English and Chinese (whose forms dateparse.go and filter.go
// read on their own), by BCP 47 tag.
var bylineLangs = map[string]bylineLang{
	"de": {
		months: [12]string{"januar jan jänner jän", "februar feb", "märz mär maerz", "april apr", "mai", "juni jun", "juli jul", "august aug", "september sep sept", "oktober okt", "november nov", "dezember dez"},
	},
	"fr": {
		months: [12]string{"janvier janv", "février févr fév", "mars", "avril avr", "mai", "juin", "juillet juil", "août", "septembre sept", "octobre oct", "novembre nov", "décembre déc"},
	},
	"es": {
		months: [12]string{"enero ene", "febrero feb", "marzo mar", "abril abr", "mayo may", "junio jun", "julio jul", "agosto ago", "septiembre setiembre sep sept", "octubre oct", "noviembre nov", "diciembre dic"},
	},
	"it": {
		months: [12]string{"gennaio gen", "febbraio feb", "marzo mar", "aprile apr", "maggio mag", "giugno giu", "luglio lug", "agosto ago", "settembre set", "ottobre ott", "novembre nov", "dicembre dic"},
	},
	"pt": {
		months: [12]string{"janeiro jan", "fevereiro fev", "março mar", "abril abr", "maio mai", "junho jun", "julho jul", "agosto ago", "setembro set", "outubro out", "novembro nov", "dezembro dez"},
	},
	"nl": {
		months: [12]string{"januari jan", "februari feb", "maart mrt", "april apr", "mei", "juni jun", "juli jul", "augustus aug", "september sep sept", "oktober okt", "november nov", "december dec"},
	},
	"pl": {
		months: [12]string{"stycznia styczeń styczen sty", "lutego luty lut", "marca marzec mar", "kwietnia kwiecień kwi", "maja maj", "czerwca czerwiec cze", "lipca lipiec lip", "sierpnia sierpień sie", "września wrzesień wrz", "października październik paź", "listopada listopad lis", "grudnia grudzień gru"},
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

// intlNameDateExpr is intlNameDate with the month names of bylineLangs.
var intlNameDateExpr = `(?i)` + strings.Replace(intlNameDate, "MONTHS", intlMonthAlt, 1)

var (
	intlNameDateRe = regexp.MustCompile(`(?i)\b` + intlNameDateExpr[len(`(?i)`):])
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
