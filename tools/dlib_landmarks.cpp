// Reference landmarks and timings from dlib 19.24's own C++ shape_predictor, for SerKit's
// parity tests and the landmark-fit benchmark (SerKit evaluates the same model in C#).
//
// Build (Debian 12, package libdlib-dev):
//   g++ -O2 -std=c++14 tools/dlib_landmarks.cpp -o dlib_landmarks $(pkg-config --libs dlib-1)
//
// Usage:
//   dlib_landmarks detect IMAGE.pgm...
//       dlib's frontal face detector (HOG + linear SVM, no upsampling); one line per face:
//       "IMAGE left top width height"  (width = right - left + 1, as dlib's rectangle).
//   dlib_landmarks fit MODEL.dat FACES.txt [REPEATS]
//       FACES.txt: one face per line, "IMAGE.pgm left top width height".
//       Prints one line per face: "x0 y0 x1 y1 ..." (dlib's points, whole pixels).
//       With REPEATS > 0 it then times REPEATS passes over all faces (one thread, images
//       already in memory) and prints "us_per_face BEST MEDIAN" (microseconds per face,
//       best and median pass).
//
// Images are binary 8-bit PGM (P5) files, e.g. written by ffmpeg ("-pix_fmt gray -f image2
// x.pgm"), so that dlib and SerKit read exactly the same gray values.
#include <dlib/image_processing.h>
#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/array2d.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace
{
    // Next header token of a PGM file, skipping white space and # comments.
    std::string pgm_token(std::istream& in)
    {
        std::string token;
        int c;
        while ((c = in.get()) != EOF)
        {
            if (c == '#') { while ((c = in.get()) != EOF && c != '\n') {} continue; }
            if (std::isspace(c)) { if (!token.empty()) break; continue; }
            token.push_back(static_cast<char>(c));
        }
        return token;
    }

    void load_pgm(const std::string& path, dlib::array2d<unsigned char>& img)
    {
        std::ifstream in(path, std::ios::binary);
        if (!in) throw std::runtime_error(path + ": cannot open");
        if (pgm_token(in) != "P5") throw std::runtime_error(path + ": not a binary PGM (P5) file");
        const long width = std::stol(pgm_token(in));
        const long height = std::stol(pgm_token(in));
        const long maxval = std::stol(pgm_token(in));
        if (width <= 0 || height <= 0 || maxval != 255) throw std::runtime_error(path + ": need an 8-bit PGM with positive size");
        img.set_size(height, width);
        std::vector<char> row(width);
        for (long r = 0; r < height; ++r)
        {
            if (!in.read(row.data(), width)) throw std::runtime_error(path + ": truncated pixel data");
            for (long c = 0; c < width; ++c) img[r][c] = static_cast<unsigned char>(row[c]);
        }
    }

    struct face
    {
        std::string image;
        dlib::rectangle box;
    };

    int detect(int argc, char** argv)
    {
        dlib::frontal_face_detector detector = dlib::get_frontal_face_detector();
        for (int i = 2; i < argc; ++i)
        {
            dlib::array2d<unsigned char> img;
            load_pgm(argv[i], img);
            for (const auto& r : detector(img))
                std::printf("%s %ld %ld %lu %lu\n", argv[i], r.left(), r.top(), r.width(), r.height());
        }
        return 0;
    }

    int fit(int argc, char** argv)
    {
        if (argc < 4) throw std::runtime_error("usage: dlib_landmarks fit MODEL.dat FACES.txt [REPEATS]");
        dlib::shape_predictor sp;
        dlib::deserialize(argv[2]) >> sp;
        const int repeats = argc > 4 ? std::stoi(argv[4]) : 0;

        std::ifstream list(argv[3]);
        if (!list) throw std::runtime_error(std::string(argv[3]) + ": cannot open");
        std::vector<face> faces;
        std::map<std::string, dlib::array2d<unsigned char>> images;
        std::string line;
        while (std::getline(list, line))
        {
            std::istringstream fields(line);
            face f;
            long left, top, width, height;
            if (!(fields >> f.image >> left >> top >> width >> height)) continue;
            f.box = dlib::rectangle(left, top, left + width - 1, top + height - 1);
            if (!images.count(f.image)) load_pgm(f.image, images[f.image]);
            faces.push_back(f);
        }

        for (const auto& f : faces)
        {
            const dlib::full_object_detection shape = sp(images[f.image], f.box);
            for (unsigned long k = 0; k < shape.num_parts(); ++k)
                std::printf(k == 0 ? "%ld %ld" : " %ld %ld", shape.part(k).x(), shape.part(k).y());
            std::printf("\n");
        }

        if (repeats > 0 && !faces.empty())
        {
            // Resolve the images once so the timed loop does only the fitting.
            std::vector<const dlib::array2d<unsigned char>*> face_images;
            for (const auto& f : faces) face_images.push_back(&images[f.image]);
            std::vector<double> per_face;
            long checksum = 0;
            for (int pass = 0; pass < repeats; ++pass)
            {
                const auto start = std::chrono::steady_clock::now();
                for (size_t i = 0; i < faces.size(); ++i)
                    checksum += sp(*face_images[i], faces[i].box).part(30).x();
                const auto stop = std::chrono::steady_clock::now();
                per_face.push_back(std::chrono::duration<double, std::micro>(stop - start).count() / faces.size());
            }
            std::sort(per_face.begin(), per_face.end());
            std::printf("us_per_face %.3f %.3f checksum %ld\n", per_face.front(), per_face[per_face.size() / 2], checksum);
        }
        return 0;
    }
}

int main(int argc, char** argv)
{
    try
    {
        const std::string mode = argc > 1 ? argv[1] : "";
        if (mode == "detect") return detect(argc, argv);
        if (mode == "fit") return fit(argc, argv);
        std::fprintf(stderr, "usage: dlib_landmarks detect IMAGE.pgm... | dlib_landmarks fit MODEL.dat FACES.txt [REPEATS]\n");
        return 2;
    }
    catch (const std::exception& e)
    {
        std::fprintf(stderr, "dlib_landmarks: %s\n", e.what());
        return 1;
    }
}
