package configstore

import "sync"

// scratch holds the buffers one read-modify-write of the config needs: the
// file as read, its top-level members and the encoded result (the pieces of
// it that are not slices of the file as read, and the list of pieces). Saving a large
// file allocates them afresh otherwise, and touching new memory (page faults,
// zeroing, garbage collection) costs more than the parsing itself.
type scratch struct {
	data    []byte
	members []member
	out     []byte
	segs    [][]byte
}

// maxScratch caps the buffers kept for reuse, so that one unusually large
// file does not pin its memory for the life of the process.
const maxScratch = 4 << 20

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

func getScratch() *scratch { return scratchPool.Get().(*scratch) }

// keep records buffers that may have grown (or been replaced) while in use.
func (s *scratch) keep(data []byte, members []member, out []byte) {
	if cap(data) > cap(s.data) {
		s.data = data
	}
	if cap(members) > cap(s.members) {
		s.members = members
	}
	if cap(out) > cap(s.out) {
		s.out = out
	}
}

// put returns s to the pool. The members are cleared so that they keep no
// other allocation (an edited value) alive; data and out hold the last
// file's bytes until they are reused, as garbage would until it is collected.
func (s *scratch) put() {
	clear(s.members[:cap(s.members)])
	clear(s.segs[:cap(s.segs)])
	if cap(s.data) > maxScratch {
		s.data = nil
	}
	if cap(s.out) > maxScratch {
		s.out = nil
	}
	if cap(s.members) > maxScratch/64 {
		s.members = nil
	}
	s.data, s.members, s.out, s.segs = s.data[:0], s.members[:0], s.out[:0], s.segs[:0]
	scratchPool.Put(s)
}
