/**
 * Visual question answering in the CAS: the layout of the image and question views
 * ({@link org.cnlp.pipeline.vqa.VqaViews}) shared by the input readers, the JSON writer and the
 * VQA annotator of the multimodal module.
 */
package org.cnlp.pipeline.vqa;
