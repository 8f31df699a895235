/** Helpers of the batch routes; not an API. */
package org.cnlp.pipeline.batch.internal;
