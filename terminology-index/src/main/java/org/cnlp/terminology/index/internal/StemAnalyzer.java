package org.cnlp.terminology.index.internal;

import java.io.Reader;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Stemmed content words of a name: the {@link TokenAnalyzer} chain, then {@link NameStopWords} removed and
 * plurals reduced ({@code tumors} → {@code tumor}, {@code arteries} → {@code artery}). Used for the
 * {@code name_stem} field.
 */
public final class StemAnalyzer extends Analyzer {

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer tokenizer = new StandardTokenizer();
        TokenStream stream = new ASCIIFoldingFilter(tokenizer);
        stream = new LowerCaseFilter(stream);
        stream = new EnglishPossessiveFilter(stream);
        stream = new StopFilter(stream, NameStopWords.set());
        stream = new EnglishMinimalStemFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }

    @Override
    protected Reader initReader(String fieldName, Reader reader) {
        return new MappingCharFilter(GreekLetters.charMap(), reader);
    }
}
