/** Helpers of the pipeline module; not an API. */
package org.cnlp.pipeline.internal;
