package oauth

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
)

// sealer encrypts stored tokens with AES-256-GCM. The additional data binds
// a ciphertext to its provider and column, so a token copied to another row
// or column does not decrypt.
type sealer struct{ aead cipher.AEAD }

func newSealer(key []byte) (*sealer, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("oauth: token key: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("oauth: token key: %w", err)
	}
	return &sealer{aead: aead}, nil
}

func (s *sealer) seal(provider, field, plain string) []byte {
	if plain == "" {
		return nil
	}
	nonce := make([]byte, s.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		panic(err) // crypto/rand never fails on Linux
	}
	return s.aead.Seal(nonce, nonce, []byte(plain), []byte(provider+"\x00"+field))
}

// errBadKey: the stored tokens were written with another token_key.
var errBadKey = errors.New("stored token does not decrypt with token_key (was the key changed? run `rmad oauth login` again)")

func (s *sealer) open(provider, field string, sealed []byte) (string, error) {
	if len(sealed) == 0 {
		return "", nil
	}
	n := s.aead.NonceSize()
	if len(sealed) < n {
		return "", errBadKey
	}
	plain, err := s.aead.Open(nil, sealed[:n], sealed[n:], []byte(provider+"\x00"+field))
	if err != nil {
		return "", errBadKey
	}
	return string(plain), nil
}

func digest(s string) []byte {
	h := sha256.Sum256([]byte(s))
	return h[:]
}
