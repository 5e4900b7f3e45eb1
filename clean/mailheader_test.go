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

// TestMailHeaderShortBody: a message of one line under its header, a
// table of rows (with or without colons) or an MHonArc list, is the
// text, and the header goes: the header's date and address lines
// outscore the one line, but the <pre> is the message.
func TestMailHeaderShortBody(t *testing.T) {
	for name, head := range map[string]string{
		"table":   `<table border="0"><tr><td><b>From:</b></td><td>Anna Berg &lt;anna@example.org&gt;</td></tr><tr><td><b>To:</b></td><td>dev@lists.example.org</td></tr><tr><td><b>Date:</b></td><td>Mon, 02 Mar 2026 10:15:02 +0100</td></tr><tr><td><b>Subject:</b></td><td>Re: Linker fails</td></tr><tr><td><b>Message-ID:</b></td><td>&lt;87a1b2c3d4@example.org&gt;</td></tr></table>`,
		"nocolon": `<table><tr><td class="key">From</td><td>Anna Berg &lt;anna@example.org&gt;</td></tr><tr><td class="key">Date</td><td>Mon, 02 Mar 2026 10:15:02 +0100</td></tr><tr><td class="key">Subject</td><td>Re: Linker fails</td></tr></table>`,
		"mhonarc": `<ul><li><em>From</em>: Anna Berg &lt;anna@example.org&gt;</li><li><em>Date</em>: Mon, 2 Mar 2026</li><li><em>Subject</em>: Re: Linker fails</li><li><em>Message-id</em>: &lt;<a href="msg2.html">87a1b2c3d4@example.org</a>&gt;</li></ul><hr>`,
	} {
		doc := cleanBody(t, "Re: Linker fails", `<div class="nav"><a href="/">Home</a> | <a href="date.html">Date index</a></div><h1>Re: Linker fails</h1>`+head+`<pre>Applied, thanks.
</pre><hr><a href="date.html">Date index</a>`)
		checkText(t, doc, []string{"Applied, thanks."}, []string{"87a1b2c3d4", "anna@example.org", "Date index"})
		if t.Failed() {
			t.Fatalf("%s", name)
		}
	}
}
