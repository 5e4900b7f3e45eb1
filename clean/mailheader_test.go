package clean

import "testing"

// mailBody is a message's body as an archive sets it.
const mailBody = `<pre>Hi all,

I have been trying to build the release branch on a fresh machine and the
linker keeps failing with an undefined reference to the allocator symbols.

&gt; Did you run the configure script again after pulling?

Yes, twice, and I removed the build directory before the second attempt, so
nothing stale should be left over from the earlier tree. Any other idea?

Thanks,
Anna
</pre>`

// TestMailHeaderLines: a message's header lines over its <pre> go,
// however the archive sets them (bold keys and line breaks, an MHonArc
// list, a table's rows, German keys); the body stays.
func TestMailHeaderLines(t *testing.T) {
	for name, head := range map[string]string{
		"bold":    `<b>From:</b> Anna Berg &lt;anna at example.org&gt;<br><b>Date:</b> Mon, 2 Mar 2026<br><b>Message-ID:</b> &lt;87a1b2c3d4@example.org&gt;<br><hr>`,
		"mhonarc": `<ul><li><em>From</em>: Anna Berg &lt;anna@example.org&gt;</li><li><em>Date</em>: Mon, 2 Mar 2026</li><li><em>Subject</em>: Linker fails</li><li><em>Message-id</em>: &lt;<a href="msg2.html">87a1b2c3d4@example.org</a>&gt;</li></ul><hr>`,
		"table":   `<table><tr><th>From:</th><td>Anna Berg &lt;anna@example.org&gt;</td></tr><tr><th>Subject:</th><td>Linker fails</td></tr><tr><th>Message-ID:</th><td>&lt;87a1b2c3d4@example.org&gt;</td></tr></table>`,
		"german":  `<b>Von:</b> Anna Berg &lt;anna at example.de&gt;<br><b>Betreff:</b> Linker bricht ab<br><b>Message-ID:</b> &lt;87a1b2c3d4@example.de&gt;<br>`,
	} {
		doc := cleanBody(t, "Linker fails", `<h1>Linker fails</h1>`+head+mailBody)
		checkText(t, doc, []string{"linker keeps failing with", "Thanks,\nAnna"}, []string{"87a1b2c3d4", "Betreff", "Subject:"})
		if t.Failed() {
			t.Fatalf("%s", name)
		}
	}
}

// TestMailHeaderKeeps: label lines over a <pre> that name no two header
// fields, or give no address, are the document's: a tool's facts over
// its example, a post's "To:" and "Subject:" lines without an address.
func TestMailHeaderKeeps(t *testing.T) {
	for _, head := range []string{
		`<p>Version: 1.2</p><p>License: MIT</p><p>Maintainer: anna@example.org</p>`,
		`<p>To: the whole list</p><p>Subject: the linker</p>`,
	} {
		doc := cleanBody(t, "Linker fails", `<h1>Linker fails</h1>`+head+mailBody)
		checkText(t, doc, []string{"linker keeps failing with", head[3:12]}, nil)
	}
}
