package archive

import (
	"encoding/hex"
	"errors"
	"fmt"
)

// ownTexts checks every owntexts record (owntext.go): it decodes, and the
// text it gives (its blob's, or the document's it names) hashes exactly
// to its key. An archive of schema 5 or older opened read-only has no
// owntexts bucket: nothing to check.
func (v *verifier) ownTexts() error {
	if _, err := guardedBucket(v.tx, bucketOwnTexts); errors.Is(err, errBucketMissing) {
		return nil
	}
	return v.walk(bucketOwnTexts, func(k, _ []byte) error {
		key := hex.EncodeToString(k)
		return v.record(FindOwnTextCorrupt, string(bucketOwnTexts), key, 0, func() error {
			if detail := ownTextProblem(v, k); detail != "" {
				return v.report(Finding{Kind: FindOwnTextCorrupt, Bucket: string(bucketOwnTexts), Key: key, Detail: detail})
			}
			return nil
		})
	})
}

// ownTextProblem says what is wrong with the own text stored under k, ""
// when nothing is.
func ownTextProblem(v *verifier, k []byte) string {
	if len(k) != len(Hash{}) {
		return "malformed key"
	}
	text, err := ownText(v.tx, Hash(k))
	if err != nil {
		return "does not decode: " + err.Error()
	}
	if got := Sum([]byte(text)); got != Hash(k) {
		return "text hashes to " + got.String()
	}
	return ""
}

// ownTextRef checks the own text c names, if any: it is stored and, with
// opts.TextHasher (and c of opts.NormVersion, when set), normalises to
// c's text hash. ok is false with the finding when it fails.
func (v *verifier) ownTextRef(c Capture) (f Finding, ok bool) {
	if c.OwnTextSHA256 == "" {
		return f, true
	}
	f = Finding{Kind: FindOwnTextMissing, Bucket: string(bucketOwnTexts), Key: c.OwnTextSHA256, Capture: c.ID}
	x, err := ParseHash(c.OwnTextSHA256)
	if err != nil || !v.has(bucketOwnTexts, x[:]) {
		f.Detail = "own text named by the capture is not stored"
		return f, false
	}
	if c.TextSHA256 == "" {
		f.Kind, f.Detail = FindOwnTextCorrupt, "the capture names an own text but no text hash"
		return f, false
	}
	if v.opts.TextHasher == nil || (v.opts.NormVersion != 0 && c.NormVersion != v.opts.NormVersion) {
		return f, true
	}
	if detail := v.normalisesTo(x, c); detail != "" {
		f.Kind, f.Detail = FindOwnTextCorrupt, detail
		return f, false
	}
	return f, true
}

// normalisesTo checks, once per own text and norm version, that own text
// x normalises (opts.TextHasher) to c's text hash.
func (v *verifier) normalisesTo(x Hash, c Capture) string {
	key := [2]string{x.String(), fmt.Sprint(c.NormVersion)}
	if v.normalised == nil {
		v.normalised = map[[2]string]string{}
	}
	got, seen := v.normalised[key]
	if !seen {
		err := guarded(func() (err error) {
			text, err := ownText(v.tx, x)
			if err == nil {
				got = v.opts.TextHasher(text)
			}
			return err
		})
		if err != nil {
			got = "(unreadable: " + err.Error() + ")"
		}
		v.normalised[key] = got
	}
	if got != c.TextSHA256 {
		return "own text normalises to " + got + ", the capture's text hash is " + c.TextSHA256
	}
	return ""
}
