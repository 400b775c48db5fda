//! Network pictures (issue 4 targets on the real data, 1600×1200, layer any, force layout):
//! one year's PNG including the layout under 150 ms; all 201 yearly PNGs under 10 s. And the
//! formats of one prepared scene (issue 24: a PDF within 2× its PNG's time), colour and
//! greyscale with two states highlighted, in one group so they read as ratios.

mod common;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use pactnet::api::pictures::render_network;
use pactnet::plot::network::draw_network;
use pactnet::plot::output::ImageFormat;
use pactnet::plot::{output, NetworkPlotter, Palette, PlotOptions};
use pactnet::{Layer, Period, Snapshot, SnapshotBuilder};
use rayon::prelude::*;

fn plots(c: &mut Criterion) {
    let mut group = c.benchmark_group("plot");
    group.sample_size(10);
    let options = PlotOptions::default();
    for (name, inputs) in common::datasets() {
        let (g, t) = common::graph(&inputs);
        let year = 1980.clamp(*t.years().start(), *t.years().end());
        group.bench_function(BenchmarkId::new("one_year_png_with_layout", name), |b| {
            b.iter(|| {
                let plotter = NetworkPlotter::new(&g, &t, Layer::Any, &options, year..=year).expect("year of the data");
                let scene = plotter.scene(Period::Year(year)).expect("prepared year");
                output::png(options.width, options.height, |a| draw_network(a, &scene)).expect("renders").len()
            })
        });
        group.bench_function(BenchmarkId::new("all_years_png_files", name), |b| {
            let dir = tempfile::tempdir().expect("temp dir");
            b.iter(|| {
                let plotter = NetworkPlotter::new(&g, &t, Layer::Any, &options, t.years()).expect("years of the data");
                let years: Vec<i32> = t.years().collect();
                years
                    .par_iter()
                    .map_init(
                        || (SnapshotBuilder::new(&g, &t), Snapshot::default()),
                        |(builder, snap), &y| {
                            let scene = plotter.scene_with(builder, snap, Period::Year(y)).expect("prepared year");
                            let png = output::png(options.width, options.height, |a| draw_network(a, &scene))
                                .expect("renders");
                            std::fs::write(dir.path().join(format!("network-{y}-any.png")), &png).expect("writes");
                            png.len()
                        },
                    )
                    .sum::<usize>()
            })
        });
    }
    group.finish();
}

/// PNG, SVG and PDF of one scene (layout, metrics and scene prepared outside the timing): 1914
/// and the dense 2016, in colour and in greyscale (dashed edges: many more path pieces) with
/// GMY and UKG highlighted.
fn formats(c: &mut Criterion) {
    let mut group = c.benchmark_group("plot_format");
    group.sample_size(10);
    let Some((name, inputs)) = common::datasets().into_iter().find(|(n, _)| *n == "atop4.01") else { return };
    let (g, t) = common::graph(&inputs);
    let highlight = vec![pactnet::StateId(200), pactnet::StateId(255)];
    for palette in [Palette::Colour, Palette::Greyscale] {
        let options = PlotOptions { palette, highlight: highlight.clone(), ..PlotOptions::default() };
        for year in [1914, 2016] {
            let plotter = NetworkPlotter::new(&g, &t, Layer::Any, &options, year..=year).expect("year of the data");
            let scene = plotter.scene(Period::Year(year)).expect("prepared year");
            for format in [ImageFormat::Png, ImageFormat::Svg, ImageFormat::Pdf] {
                let id = BenchmarkId::new(format!("{name}/{palette}/{year}"), format.extension());
                group.bench_function(id, |b| {
                    b.iter(|| render_network(&scene, &options, format).expect("renders").0.len())
                });
            }
        }
    }
    group.finish();
}

criterion_group!(benches, plots, formats);
criterion_main!(benches);
