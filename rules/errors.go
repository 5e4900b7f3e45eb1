package rules

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// ErrInvalid marks every validation failure of a rules file; the message
// itself reads "file:line: what is wrong".
var ErrInvalid = errors.New("rules: invalid")

// Error is one problem in a rules file, at a line.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// Unwrap makes errors.Is(err, ErrInvalid) hold for every rules error.
func (e *Error) Unwrap() error { return ErrInvalid }

// Errors is every problem found in the rules files read together, in file
// order and, within a file, by line. Its message is the first problem,
// then each further one on a line of its own (indented by two spaces), at
// most MaxShown in all, then "and N more". errors.As finds the first
// *Error in it; errors.Is(err, ErrInvalid) holds.
type Errors []*Error

// MaxShown is how many problems an Errors message lists before "and N
// more": enough for every typo of a hand-edited file, few enough that a
// file that is not rules at all does not flood cron's mail.
const MaxShown = 10

func (es Errors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i == MaxShown {
			b.WriteString("\n  and " + strconv.Itoa(len(es)-i) + " more")
			break
		}
		if i > 0 {
			b.WriteString("\n  ")
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap returns each problem, for errors.Is and errors.As.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// err is es as an error: nil for none, the *Error itself for one.
func (es Errors) err() error {
	switch len(es) {
	case 0:
		return nil
	case 1:
		return es[0]
	}
	return es
}

// sortByLine orders the problems of one file by line, keeping the order
// they were found in on a line.
func (es Errors) sortByLine() {
	slices.SortStableFunc(es, func(a, b *Error) int { return cmp.Compare(a.Line, b.Line) })
}

// sortByFile orders the problems of several files as files lists them,
// each file's by line.
func (es Errors) sortByFile(files []string) {
	rank := map[string]int{}
	for i := len(files) - 1; i >= 0; i-- {
		rank[files[i]] = i
	}
	slices.SortStableFunc(es, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(rank[a.File], rank[b.File]), cmp.Compare(a.Line, b.Line))
	})
}
