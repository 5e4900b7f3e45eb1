package export

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxNameLen bounds a name made by SafeName, in bytes: well under every
// file system's 255, leaving room for an extension.
const MaxNameLen = 100

// SafeName turns any string into one path element that is safe to create
// on Unix, macOS and Windows: no separators, no NUL, control, format or
// Windows-reserved characters, no '%' (a BagIt manifest writes it as
// "%25", which sha256sum -c does not read back), no leading dot (no "." or ".." or hidden
// files), no trailing dot or space, not a Windows device name (CON, NUL,
// COM1, …, with or without an extension), valid UTF-8, and at most
// MaxNameLen bytes. A name that had to be cut ends in "-" and 8 hex digits
// of the sha256 of s, so different long inputs stay apart.
func SafeName(s string) string {
	name := strings.Map(safeRune, strings.ToValidUTF8(s, "_"))
	name = strings.TrimLeft(name, ".")
	name = strings.TrimRight(name, ". ")
	if name == "" {
		name = "_"
	}
	if isDeviceName(name) {
		name = "_" + name
	}
	if len(name) > MaxNameLen {
		name = cut(name, MaxNameLen-9) + "-" + shortSum(s)
	}
	return name
}

func safeRune(r rune) rune {
	switch {
	case r == utf8.RuneError, r < 0x20, r == 0x7f:
		return '_'
	case strings.ContainsRune(`/\:*?"<>|%`, r):
		return '_'
	case unicode.IsSpace(r):
		return '_'
	case unicode.Is(unicode.Cf, r), unicode.IsControl(r), !unicode.IsPrint(r):
		return '_'
	}
	return r
}

// cut shortens name to at most n bytes on a rune boundary, without a
// trailing dot or space.
func cut(name string, n int) string {
	if len(name) <= n {
		return strings.TrimRight(name, ". ")
	}
	for n > 0 && !utf8.RuneStart(name[n]) {
		n--
	}
	return strings.TrimRight(name[:n], ". ")
}

func shortSum(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:4])
}

// isDeviceName reports whether Windows would take name as a device: its
// stem (before the first dot, trailing spaces ignored) is CON, PRN, AUX,
// NUL, COM0-9 or LPT0-9 (digits including ¹²³), in any case.
func isDeviceName(name string) bool {
	stem, _, _ := strings.Cut(name, ".")
	stem = strings.ToUpper(strings.TrimRight(stem, " "))
	switch stem {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return true
	}
	if len(stem) < 4 || (stem[:3] != "COM" && stem[:3] != "LPT") {
		return false
	}
	switch stem[3:] {
	case "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "¹", "²", "³":
		return true
	}
	return false
}
