package export

// TextFileForTest exposes a bundle text file's bytes to the external tests.
var TextFileForTest = textFile
