package org.cnlp.model.encoder;

import org.cnlp.model.weights.WeightSet;

/**
 * HuggingFace BertModel's forward pass written out in plain Java with double accumulators, for one
 * sequence: the independent reference the DJL encoder is checked against.
 */
final class ReferenceBert {

    private final BertConfig config;
    private final WeightSet weights;

    ReferenceBert(BertConfig config, WeightSet weights) {
        this.config = config;
        this.weights = weights;
    }

    /** Last hidden state {@code [tokens][hidden]}; {@code mask[t] == 0} keys are ignored. */
    double[][] forward(long[] ids, long[] mask, long[] types) {
        int n = ids.length;
        int h = config.hiddenSize();
        double[][] x = new double[n][h];
        for (int t = 0; t < n; t++) {
            for (int k = 0; k < h; k++) {
                x[t][k] = w("embeddings.word_embeddings.weight", (int) ids[t] * h + k)
                        + w("embeddings.position_embeddings.weight", t * h + k)
                        + w("embeddings.token_type_embeddings.weight", (int) types[t] * h + k);
            }
            x[t] = norm(x[t], "embeddings.LayerNorm");
        }
        for (int layer = 0; layer < config.numLayers(); layer++) {
            x = layer(x, mask, "encoder.layer." + layer + ".");
        }
        return x;
    }

    private double[][] layer(double[][] x, long[] mask, String p) {
        int n = x.length;
        int h = config.hiddenSize();
        int heads = config.numHeads();
        int d = config.headSize();
        double[][] q = linear(x, p + "attention.self.query");
        double[][] k = linear(x, p + "attention.self.key");
        double[][] v = linear(x, p + "attention.self.value");
        double[][] context = new double[n][h];
        for (int head = 0; head < heads; head++) {
            for (int i = 0; i < n; i++) {
                double[] scores = new double[n];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    if (mask[j] == 0) {
                        continue;
                    }
                    double s = 0;
                    for (int c = 0; c < d; c++) {
                        s += q[i][head * d + c] * k[j][head * d + c];
                    }
                    scores[j] = s / Math.sqrt(d);
                    max = Math.max(max, scores[j]);
                }
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    scores[j] = mask[j] == 0 ? 0 : Math.exp(scores[j] - max);
                    sum += scores[j];
                }
                for (int j = 0; j < n; j++) {
                    for (int c = 0; c < d; c++) {
                        context[i][head * d + c] += scores[j] / sum * v[j][head * d + c];
                    }
                }
            }
        }
        double[][] attended = linear(context, p + "attention.output.dense");
        double[][] h1 = new double[n][];
        for (int t = 0; t < n; t++) {
            h1[t] = norm(add(attended[t], x[t]), p + "attention.output.LayerNorm");
        }
        double[][] inner = linear(h1, p + "intermediate.dense");
        for (double[] row : inner) {
            for (int c = 0; c < row.length; c++) {
                row[c] = gelu(row[c]);
            }
        }
        double[][] out = linear(inner, p + "output.dense");
        double[][] h2 = new double[n][];
        for (int t = 0; t < n; t++) {
            h2[t] = norm(add(out[t], h1[t]), p + "output.LayerNorm");
        }
        return h2;
    }

    private double[][] linear(double[][] x, String prefix) {
        var weight = weights.get(prefix + ".weight");
        int units = (int) weight.dim(0);
        int inputs = (int) weight.dim(1);
        double[][] y = new double[x.length][units];
        for (int t = 0; t < x.length; t++) {
            for (int u = 0; u < units; u++) {
                double s = w(prefix + ".bias", u);
                for (int c = 0; c < inputs; c++) {
                    s += x[t][c] * weight.get(u * inputs + c);
                }
                y[t][u] = s;
            }
        }
        return y;
    }

    private double[] norm(double[] x, String prefix) {
        double mean = 0;
        for (double value : x) {
            mean += value;
        }
        mean /= x.length;
        double variance = 0;
        for (double value : x) {
            variance += (value - mean) * (value - mean);
        }
        variance /= x.length;
        double[] y = new double[x.length];
        for (int c = 0; c < x.length; c++) {
            y[c] = (x[c] - mean) / Math.sqrt(variance + config.layerNormEps()) * w(prefix + ".weight", c) + w(prefix + ".bias", c);
        }
        return y;
    }

    private float w(String name, int index) {
        return weights.get(name).get(index);
    }

    private static double[] add(double[] a, double[] b) {
        double[] y = new double[a.length];
        for (int c = 0; c < a.length; c++) {
            y[c] = a[c] + b[c];
        }
        return y;
    }

    /** Exact GELU, {@code x * Phi(x)}. */
    static double gelu(double x) {
        return 0.5 * x * (1 + erf(x / Math.sqrt(2)));
    }

    /** erf by its Maclaurin series for |x| < 3, else by the continued-fraction tail; error below 1e-12. */
    static double erf(double x) {
        double ax = Math.abs(x);
        double result;
        if (ax < 3) {
            double term = ax;
            double sum = ax;
            for (int n = 1; n < 200; n++) {
                term *= -ax * ax / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.abs(add) < 1e-17) {
                    break;
                }
            }
            result = 2 / Math.sqrt(Math.PI) * sum;
        } else {
            double fraction = 0;
            for (int n = 60; n >= 1; n--) {
                fraction = n / 2.0 / (ax + fraction);
            }
            result = 1 - Math.exp(-ax * ax) / Math.sqrt(Math.PI) / (ax + fraction);
        }
        return Math.copySign(result, x);
    }
}
