package memory

// DropMappedOver is DropMapped once the process's file-backed resident
// memory (ResidentFile) reaches limit. Under the limit, or where the
// resident memory cannot be read, it leaves the mapping alone. Reading the figure costs a small read of
// /proc/self/statm, so a caller checks every few dozen random reads, not
// after each.
func DropMappedOver(limit int64, addr uintptr, size int) error {
	if n, ok := ResidentFile(); !ok || n < limit {
		return nil
	}
	return DropMapped(addr, size)
}
