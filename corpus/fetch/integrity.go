package fetch

import (
	"crypto/sha256"
	"crypto/sha512"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"hash"
	"strings"
)

// ErrIntegrity marks a tarball whose bytes do not match the registry's dist.integrity.
var ErrIntegrity = errors.New("integrity check failed")

// sriAlgorithms lists the Subresource Integrity algorithms we accept, strongest first. sha1 (and the
// packument's legacy "shasum" field) is deliberately absent: it is not collision resistant.
var sriAlgorithms = []struct {
	name string
	new  func() hash.Hash
}{
	{"sha512", sha512.New},
	{"sha384", sha512.New384},
	{"sha256", sha256.New},
}

// integrity is the strongest supported part of an SRI string: one algorithm and the digests that
// are acceptable for it (SRI allows several).
type integrity struct {
	algorithm string
	newHash   func() hash.Hash
	digests   [][]byte
}

// parseIntegrity parses an SRI string such as "sha512-<base64>" (tokens separated by spaces, with
// optional "?options" suffixes, which are ignored). It fails when no token uses a supported
// algorithm, rather than falling back to a weaker check.
func parseIntegrity(sri string) (integrity, error) {
	tokens := strings.Fields(sri)
	if len(tokens) == 0 {
		return integrity{}, errors.New("the registry gave no dist.integrity (sha512/sha384/sha256 SRI); refusing to install without one, sha1 shasum alone is not trusted")
	}
	for _, algo := range sriAlgorithms {
		var in integrity
		for _, tok := range tokens {
			name, value, ok := strings.Cut(tok, "-")
			if !ok || name != algo.name {
				continue
			}
			value, _, _ = strings.Cut(value, "?")
			sum, err := base64.StdEncoding.DecodeString(value)
			if err != nil || len(sum) != algo.new().Size() {
				return integrity{}, fmt.Errorf("malformed %s integrity %q", name, tok)
			}
			in.digests = append(in.digests, sum)
		}
		if len(in.digests) > 0 {
			in.algorithm, in.newHash = algo.name, algo.new
			return in, nil
		}
	}
	return integrity{}, fmt.Errorf("unsupported integrity %q: need sha512, sha384 or sha256; sha1 is not trusted", sri)
}

// verify checks data against the expected digests and wraps ErrIntegrity on mismatch.
func (in integrity) verify(data []byte) error {
	h := in.newHash()
	h.Write(data)
	got := h.Sum(nil)
	for _, want := range in.digests {
		if subtle.ConstantTimeCompare(got, want) == 1 {
			return nil
		}
	}
	return fmt.Errorf("%w: %s of %d bytes is %s-%s, registry says %s-%s", ErrIntegrity,
		in.algorithm, len(data), in.algorithm, base64.StdEncoding.EncodeToString(got),
		in.algorithm, base64.StdEncoding.EncodeToString(in.digests[0]))
}
