package org.cnlp.terminology.index.internal;

import java.io.Reader;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Word tokens of a name: standard tokenizer, Greek letters spelt out, ASCII folding, lower case,
 * possessive {@code 's} removed. Used for the {@code name_token} field and fuzzy matching.
 */
public final class TokenAnalyzer extends Analyzer {

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer tokenizer = new StandardTokenizer();
        TokenStream stream = new ASCIIFoldingFilter(tokenizer);
        stream = new LowerCaseFilter(stream);
        stream = new EnglishPossessiveFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }

    @Override
    protected Reader initReader(String fieldName, Reader reader) {
        return new MappingCharFilter(GreekLetters.charMap(), reader);
    }
}
