/** UIMA XMI in and out ({@link org.cnlp.pipeline.io.xmi.XmiIo}), with the type system descriptor. */
package org.cnlp.pipeline.io.xmi;
