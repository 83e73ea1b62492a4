package oauth

import (
	"encoding/json"
	"errors"
	"fmt"
)

// parseSAFile reads a Google service account key file (the JSON the Cloud
// console downloads).
func parseSAFile(b []byte) (saFile, error) {
	var f saFile
	if err := json.Unmarshal(b, &f); err != nil {
		return f, fmt.Errorf("not a service account key file: %w", err)
	}
	if f.Type != "service_account" {
		return f, fmt.Errorf("type is %q, not service_account", f.Type)
	}
	if f.ClientEmail == "" || f.PrivateKey == "" {
		return f, errors.New("client_email or private_key missing")
	}
	return f, nil
}
