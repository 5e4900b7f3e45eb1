package archive

// writerMmapSize is 0 on Windows, where mapping a file grows it to the
// mapping's size (see mmapsize.go).
var writerMmapSize = 0
