package memory

// DropMappedOver is DropMapped once the process's file-backed resident
// memory (ResidentFile) reaches limit, and reports whether it dropped.
// Under the limit, or where the resident memory cannot be read, it leaves
// the mapping alone. Reading the figure costs a small read of
// /proc/self/statm, so a caller checks every few dozen random reads, not
// after each.
func DropMappedOver(limit int64, addr uintptr, size int) (bool, error) {
	if n, ok := ResidentFile(); !ok || n < limit {
		return false, nil
	}
	return true, DropMapped(addr, size)
}
