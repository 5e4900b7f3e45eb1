package archive

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

// Hash is a sha256 content address. Which bytes are hashed depends on what
// is addressed: a payload's hash covers the entity body exactly as it came
// over the wire (transfer coding removed, content coding kept); a document's
// hash covers its normalised text, as computed by clean.
type Hash [sha256.Size]byte

// Sum returns the Hash of b.
func Sum(b []byte) Hash { return sha256.Sum256(b) }

// ParseHash reads the 64-digit hex form of a Hash.
func ParseHash(s string) (Hash, error) {
	var h Hash
	if len(s) != hex.EncodedLen(len(h)) {
		return h, fmt.Errorf("archive: parse hash %q: want %d hex digits", s, hex.EncodedLen(len(h)))
	}
	if _, err := hex.Decode(h[:], []byte(s)); err != nil {
		return h, fmt.Errorf("archive: parse hash %q: %w", s, err)
	}
	return h, nil
}

// String returns the 64-digit lower-case hex form.
func (h Hash) String() string { return hex.EncodeToString(h[:]) }

// Short returns the first 12 hex digits: the form shown to people and used
// as a work ID. 48 bits keeps accidental collisions unlikely well past a
// million works.
func (h Hash) Short() string { return h.String()[:12] }

// IsZero reports whether h is the zero Hash (no content).
func (h Hash) IsZero() bool { return h == Hash{} }
