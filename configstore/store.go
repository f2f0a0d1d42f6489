package configstore

// Store reads and writes one k6 config file.
type Store struct{ path string }

// New returns a store for the file at path (which need not exist yet).
func New(path string) *Store { return &Store{path: path} }

// Path is the file this store reads and writes.
func (s *Store) Path() string { return s.path }

// ResolvePath picks the config path as k6 does: flag, then K6_CONFIG, then the default.
func ResolvePath(flagPath string, getenv func(string) string) (string, PathSource, error) {
	panic("TODO: configstore helper")
}

// Load reads the file leniently. A missing file is not an error (Exists is false).
func (s *Store) Load() (Snapshot, error) { panic("TODO: configstore helper") }

// Save merges c into the file under a lock and writes it atomically (0600).
func (s *Store) Save(c Credentials) (SaveResult, error) { panic("TODO: configstore helper") }

// Clear removes the login keys, keeping every other key.
func (s *Store) Clear() (SaveResult, error) { panic("TODO: configstore helper") }
