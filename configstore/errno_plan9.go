package configstore

// Plan 9 reports these as plain strings; the generic message has to do.
func isDiskFull(error) bool   { return false }
func isReadOnlyFS(error) bool { return false }
