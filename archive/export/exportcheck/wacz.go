package exportcheck

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// CheckWACZ checks a WACZ's datapackage.json against its members: every
// resource's sha256 and size match the member at its path, the WARCs
// under archive/ are stored without compression, and
// datapackage-digest.json holds the sha256 of datapackage.json. It
// returns a summary, and an error listing every problem.
func CheckWACZ(path string) (string, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return "", err
	}
	defer zr.Close()
	members := map[string]*zip.File{}
	for _, f := range zr.File {
		members[f.Name] = f
	}
	var problems []string
	pkg, err := readMember(members, "datapackage.json")
	if err != nil {
		return "", err
	}
	var dp struct {
		Resources []struct {
			Path  string `json:"path"`
			Hash  string `json:"hash"`
			Bytes int64  `json:"bytes"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(pkg, &dp); err != nil {
		return "", fmt.Errorf("datapackage.json: %w", err)
	}
	for _, r := range dp.Resources {
		b, err := readMember(members, r.Path)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		if got := sha(b); got != r.Hash || int64(len(b)) != r.Bytes {
			problems = append(problems, fmt.Sprintf("%s: %s, %d bytes; datapackage.json says %s, %d bytes", r.Path, got, len(b), r.Hash, r.Bytes))
		}
		if strings.HasPrefix(r.Path, "archive/") && members[r.Path].Method != zip.Store {
			problems = append(problems, r.Path+": compressed in the zip")
		}
	}
	var dd struct{ Path, Hash string }
	if b, err := readMember(members, "datapackage-digest.json"); err != nil {
		problems = append(problems, err.Error())
	} else if err := json.Unmarshal(b, &dd); err != nil || dd.Path != "datapackage.json" || dd.Hash != sha(pkg) {
		problems = append(problems, fmt.Sprintf("datapackage-digest.json: %s %s (%v), datapackage.json hashes to %s", dd.Path, dd.Hash, err, sha(pkg)))
	}
	summary := fmt.Sprintf("%s: %d resources in datapackage.json, %d problems", path, len(dp.Resources), len(problems))
	if len(problems) > 0 {
		return summary, errors.New(summary + "\n" + strings.Join(problems, "\n"))
	}
	return summary, nil
}

func readMember(members map[string]*zip.File, name string) ([]byte, error) {
	f, ok := members[name]
	if !ok {
		return nil, fmt.Errorf("%s: not in the zip", name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return b, nil
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(s[:])
}
