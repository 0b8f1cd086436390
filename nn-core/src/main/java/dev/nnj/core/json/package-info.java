/**
 * Files: model files in JSON ({@link dev.nnj.core.json.ModelFileReader}), {@code .nnj} model and
 * checkpoint files ({@link dev.nnj.core.json.ModelArchive},
 * {@link dev.nnj.core.json.Checkpointer}), weights as safetensors in PyTorch's layout
 * ({@link dev.nnj.core.json.Safetensors}, {@link dev.nnj.core.json.Weights}), all written
 * atomically ({@link dev.nnj.core.json.AtomicFiles}). Files are read as untrusted data: every
 * problem is an {@link dev.nnj.api.NnException} that names the file, in nnj's words (never
 * Jackson's), and values that are not finite are refused unless
 * {@link dev.nnj.core.json.LoadOptions#allowNonFinite()} says otherwise. This is the only package of
 * nn-core that depends on Jackson.
 */
package dev.nnj.core.json;
