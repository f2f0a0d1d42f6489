package configstore

// LegacyCredentials reads the login keys from a k6 config at the legacy path.
// ok is false when the file is missing or holds no token (nothing worth
// importing); a file that cannot be read gives the same errors as Load.
func LegacyCredentials(path string) (c Credentials, ok bool, err error) {
	snap, err := New(path).Load()
	if err != nil {
		return Credentials{}, false, err
	}
	return snap.Credentials, snap.Credentials.Token != "", nil
}

// ImportLegacy copies the credentials of the legacy file at legacyPath into
// dst. Unlike k6's migration it never replaces anything: when dst's file is
// not valid it returns that file's error, and when dst already has login keys
// it returns an error matching ErrAlreadyHasCredentials. The check and the
// write happen under dst's lock, so a concurrent login cannot be overwritten.
// With nothing to import it returns zero Credentials and a nil error.
func ImportLegacy(legacyPath string, dst *Store) (Credentials, SaveResult, error) {
	c, ok, err := LegacyCredentials(legacyPath)
	if err != nil || !ok {
		return Credentials{}, SaveResult{Path: dst.Path()}, err
	}
	res, err := dst.update(func(d *document) error {
		var current Snapshot
		if err := d.snapshot(&current); err != nil {
			return err
		}
		if !current.Credentials.Empty() {
			return &importError{path: dst.Path()}
		}
		if err := d.setCredentials(c); err != nil {
			return err
		}
		d.changed = true
		return nil
	})
	if err != nil {
		return Credentials{}, res, err
	}
	return c, res, nil
}

// importError names the destination in the message while matching
// ErrAlreadyHasCredentials.
type importError struct{ path string }

func (e *importError) Error() string {
	return e.path + " already has k6 cloud credentials; the legacy ones were not imported (log out first to replace them)"
}

func (e *importError) Unwrap() error { return ErrAlreadyHasCredentials }
