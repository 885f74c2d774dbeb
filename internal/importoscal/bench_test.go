package importoscal

import "testing"

// BenchmarkRead80053 reads the SP 800-53 Rev. 5 MODERATE catalog (287
// controls and enhancements, 3.9 MB). Run it with -benchmem: B/op, all
// that one read allocates, bounds the heap the read adds at its peak.
func BenchmarkRead80053(b *testing.B) {
	path, data := corpusFile(b, sp80053)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(path, data); err != nil {
			b.Fatal(err)
		}
	}
}
