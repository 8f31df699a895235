/**
 * Document formats read and written by cnlp: the annotation JSON ({@code io.json}), UIMA XMI
 * ({@code io.xmi}) and PubTator ({@code io.pubtator}); {@link org.cnlp.pipeline.io.InputDocument}
 * is the plain input every reader produces.
 */
package org.cnlp.pipeline.io;
