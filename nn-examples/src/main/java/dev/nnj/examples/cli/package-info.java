/**
 * The {@code nnj} command line ({@link dev.nnj.examples.cli.Main}, on picocli): {@code train},
 * {@code evaluate}, {@code predict}, {@code export}, {@code import} and {@code list}, with the data
 * sources that {@code --data} names ({@link dev.nnj.examples.cli.DataSources}). Errors are printed
 * as one line, {@code nnj: message}; the exit code is 0 on success, 1 on failure and 2 for bad
 * usage.
 */
package dev.nnj.examples.cli;
