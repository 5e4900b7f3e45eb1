package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strings"
)

// exported is what the check reads of a JSONL line.
type exported struct {
	URL           string `json:"url"`
	Status        int    `json:"status"`
	Text          string `json:"text"`
	Truncated     bool   `json:"truncated"`
	TextTruncated bool   `json:"text_truncated"`
	PayloadLength int64  `json:"payload_length"`
}

// checkArticles exports the archive at db to out with prov and counts the
// articles whose latest copy holds their text (its marker); missing names
// the others. It prints what the export holds of every other page.
func checkArticles(prov, db, out string, articles int) (kept int, missing []string, err error) {
	cmd := exec.Command(prov, "export", "--db", db, "--format", "jsonl", "--out", out)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return 0, nil, fmt.Errorf("prov export: %w", err)
	}
	lines, err := readExport(out)
	if err != nil {
		return 0, nil, err
	}
	for i := range articles {
		u := "http://" + siteHost + articlePath(i)
		l, ok := lines[u]
		if ok && strings.Contains(l.Text, articleMarker(fmt.Sprintf("%03d", i))) {
			kept++
			continue
		}
		missing = append(missing, u)
	}
	printOthers(lines)
	return kept, missing, nil
}

func readExport(path string) (map[string]exported, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	lines := map[string]exported{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var l exported
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			return nil, fmt.Errorf("export %s: %w", path, err)
		}
		lines[l.URL] = l
	}
	return lines, sc.Err()
}

// printOthers prints one line for every exported page that is no article.
func printOthers(lines map[string]exported) {
	var urls []string
	for u := range lines {
		if !strings.Contains(u, "/article/") {
			urls = append(urls, u)
		}
	}
	sort.Strings(urls)
	fmt.Println("\nother pages archived (status, payload bytes, truncated, text_truncated, text characters):")
	for _, u := range urls {
		l := lines[u]
		fmt.Printf("  %-40s %3d %10d %-5v %-5v %d\n", strings.TrimPrefix(u, "http://"+siteHost), l.Status, l.PayloadLength, l.Truncated, l.TextTruncated, len([]rune(l.Text)))
	}
}
