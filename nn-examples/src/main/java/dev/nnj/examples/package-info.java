/**
 * Small programs that show nnj used from code: assembled with Guice
 * ({@link dev.nnj.examples.GuiceExample}), built with {@code new} and no model file
 * ({@link dev.nnj.examples.ProgrammaticExample}), and backpropagation step by step on y = sin x
 * ({@link dev.nnj.examples.SineWaveExample}). Each runs from {@code nnj.jar} with {@code java -cp}.
 */
package dev.nnj.examples;
