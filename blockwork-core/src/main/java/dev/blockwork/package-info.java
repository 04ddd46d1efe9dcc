/** Blockwork: task graphs over blocks of data, run by interchangeable schedulers. */
package dev.blockwork;
