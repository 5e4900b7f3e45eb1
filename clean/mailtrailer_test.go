package clean

import (
	"strings"
	"testing"
)

// archiveMessage is a list archive's message page: the body in a <pre>,
// ending with trailer's lines.
func archiveMessage(trailer string) string {
	return `<h1>[dev] Linker fails on release branch</h1><b>Anna Berg</b> <a href="mailto:dev%40lists.example.org">anna at example.org</a><br><i>Mon Mar  2 10:15:02 CET 2026</i><hr><pre>Hi all,

I have been trying to build the release branch on a fresh machine and the
linker keeps failing with an undefined reference to the allocator symbols.

&gt; Did you run the configure script again after pulling?

Yes, twice, and I removed the build directory before the second attempt.

Thanks,
Anna
` + trailer + `</pre><hr>`
}

// TestMailTrailer: a list archiver's attachment parts at the end of a
// message's <pre> go, in the list's language, one part or two, the
// address linked or not; the message's lines stay, each on its own line.
func TestMailTrailer(t *testing.T) {
	for name, tr := range map[string]string{
		"html": "-------------- next part --------------\nAn HTML attachment was scrubbed...\nURL: &lt;<a href=\"http://lists.example.org/att/1.html\">http://lists.example.org/att/1.html</a>&gt;\n",
		"bin":  "-------------- next part --------------\nA non-text attachment was scrubbed...\nName: build.log.gz\nType: application/gzip\nSize: 18234 bytes\nDesc: not available\nURL: &lt;http://lists.example.org/att/1.gz&gt;\n",
		"de":   "-------------- nächster Teil --------------\nEin Dateianhang mit HTML-Daten wurde abgetrennt...\nURL: &lt;http://lists.example.de/att/1.html&gt;\n",
		"two":  "-------------- next part --------------\nAn HTML attachment was scrubbed...\nURL: &lt;http://lists.example.org/att/1.html&gt;\n-------------- next part --------------\nA non-text attachment was scrubbed...\nName: signature.asc\nType: application/pgp-signature\nURL: &lt;http://lists.example.org/att/2.sig&gt;\n",
	} {
		doc := cleanBody(t, "[dev] Linker fails on release branch", archiveMessage(tr))
		checkText(t, doc, []string{"> Did you run the configure script", "linker keeps failing with"},
			[]string{"next part", "nächster Teil", "scrubbed", "abgetrennt", "att/"})
		if !strings.Contains(doc.Text, "Thanks,\nAnna") {
			t.Errorf("%s: the message's closing lines lost their break:\n%s", name, doc.Text)
		}
	}
}

// TestMailTrailerKeeps: lines that end a <pre> like a trailer but are
// none stay: a program's summary under a rule of dashes (no note ending
// in an ellipsis), a trailer with no address, a trailer that is the
// whole <pre>, and one with text after it.
func TestMailTrailerKeeps(t *testing.T) {
	for _, text := range []string{
		"$ make test\n---------- Summary ----------\nTests: 52\nFailed: 0\nLog: http://ci.example.org/log/52",
		"body line\n-------------- next part --------------\nSkipped content of type text/html...",
		"-------------- next part --------------\nAn HTML attachment was scrubbed...\nURL: <http://x.example.org/a.html>",
		"body line\n-------------- next part --------------\nAn HTML attachment was scrubbed...\nURL: <http://x.example.org/a.html>\nmore of the message",
	} {
		if at := mailTrailer(text); at >= 0 {
			t.Errorf("mailTrailer(%q) = %d, want -1", text, at)
		}
	}
	text := "body line\n\n-------------- next part --------------\nAn HTML attachment was scrubbed...\nURL: <http://x.example.org/a.html>\n"
	if at := mailTrailer(text); at < 0 || text[:at] != "body line\n\n" {
		t.Errorf("mailTrailer(%q) = %d, want the offset after the body", text, at)
	}
}

// TestListFooter: a list server's footer at the end of a message's <pre>
// goes, as Mailman 2 and 3 write it, the address masked and linked or
// not, under an attachment part's rule or not; the message's lines stay,
// each on its own line.
func TestListFooter(t *testing.T) {
	for name, tr := range map[string]string{
		"mm2":    "_______________________________________________\ndev mailing list\ndev@lists.example.org\nhttps://lists.example.org/mailman/listinfo/dev\n",
		"masked": "\n_______________________________________________\ndev mailing list\n<a href=\"mailto:dev%40lists.example.org\">dev at lists.example.org</a>\n<a href=\"http://lists.example.org/mailman/listinfo/dev\">http://lists.example.org/mailman/listinfo/dev</a>\n",
		"mm3":    "_______________________________________________\ndev mailing list -- dev@lists.example.org\nTo unsubscribe send an email to dev-leave@lists.example.org\n",
		"part":   "-------------- next part --------------\n_______________________________________________\ndev mailing list\ndev at lists.example.org\nhttp://lists.example.org/mailman/listinfo/dev\n",
	} {
		doc := cleanBody(t, "[dev] Linker fails on release branch", archiveMessage(tr))
		checkText(t, doc, []string{"> Did you run the configure script", "linker keeps failing with"},
			[]string{"mailing list", "listinfo", "____", "unsubscribe", "next part"})
		if !strings.Contains(doc.Text, "Thanks,\nAnna") {
			t.Errorf("%s: the message's closing lines lost their break:\n%s", name, doc.Text)
		}
	}
}

// TestListFooterKeeps: lines under a rule of underscores that are no
// list's footer stay: a program's report ending in a rule, an address
// line that names no list, a footer's template, a footer that is the
// whole <pre>.
func TestListFooterKeeps(t *testing.T) {
	for _, text := range []string{
		"$ ./report\nJobs: 52\nFailed: 0\n_______________________________________________\n",
		"$ ./report --mail\nSummary of the run\n_______________________________________________\nJobs: 52\nSent to: release@lists.example.org\n",
		"msg_footer = \"\"\"\n_______________________________________________\n%(real_name)s mailing list\n%(real_name)s@%(host_name)s\n%(web_page_url)slistinfo%(cgiext)s/%(_internal_name)s\n\"\"\"",
		"_______________________________________________\ndev mailing list\ndev@lists.example.org\nhttps://lists.example.org/mailman/listinfo/dev\n",
	} {
		if at := mailTrailer(text); at >= 0 {
			t.Errorf("mailTrailer(%q) = %d, want -1", text, at)
		}
	}
}
