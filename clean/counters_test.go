package clean

import "testing"

// TestCounterLine: what counterLine takes and leaves. Two counts or more
// of different things, and nothing else, are a thread's counters; one
// count, a count in a sentence, or counts beside other words are not.
func TestCounterLine(t *testing.T) {
	for _, s := range []string{"Replies: 4 Views: 1,203", "4 replies · 1.2k views", "查看: 1203 | 回复: 4", "查看：1203｜回复：4", "Antworten: 4 Zugriffe: 1.203", "BEITRÄGE: 12 AUFRUFE: 300", "12 réponses · 340 vues", "Views 1203 Replies 4"} {
		if !counterLine(s) {
			t.Errorf("counterLine(%q) = false, want true", s)
		}
	}
	for _, s := range []string{"12 comments", "Posts: 12", "Replies: 4 Replies: 5", "The thread had 4 replies and 1,203 views", "Table 4 replies 12 views", "4 replies · 1.2k views · last reply by jroe", "Version 2.1 replies", "1 2 3"} {
		if counterLine(s) {
			t.Errorf("counterLine(%q) = true, want false", s)
		}
	}
}

// TestThreadCounters: a thread's counters over its opening post or
// under it are no part of its text.
func TestThreadCounters(t *testing.T) {
	post := `<p>I rewired the shed last weekend and now the well pump trips the breaker ten seconds after it starts, every single time, even with nothing else on the circuit.</p>` +
		`<p>The pump is a half horse submersible, about twelve years old, and the breaker is a new twenty amp double pole that I put in when I moved the panel over.</p>`
	for _, c := range []string{"Replies: 4 Views: 1,203", "4 replies · 1.2k views", "查看: 1203 | 回复: 4", "Antworten: 4 Zugriffe: 1.203"} {
		doc := cleanBody(t, "Pump keeps tripping", `<div><h1>Pump keeps tripping</h1><div>`+c+`</div>`+post+`<ul><li>`+c+`</li></ul></div>`)
		checkText(t, doc, []string{"I rewired the shed", "half horse submersible"}, []string{c})
	}
}
