// libFuzzer harness: any bytes through the YAML layer (libyaml, tree building, limits).
import YAML

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? YAMLParser.parseDocument(bytes: bytes)
    return 0
}
