// Builds the test assembly in an XCAF document (labels, components with locations, names and
// colours, exactly what a CAD system's exporter hands over) and writes it with OCCT's writers.
#include "cad_fixtures.h"

#include <stdexcept>
#include <string>

#include <BRepPrimAPI_MakeBox.hxx>
#include <BRepPrimAPI_MakeCylinder.hxx>
#include <IGESCAFControl_Writer.hxx>
#include <Message.hxx>
#include <Message_Messenger.hxx>
#include <Message_PrinterOStream.hxx>
#include <Quantity_Color.hxx>
#include <STEPCAFControl_Writer.hxx>
#include <TDataStd_Name.hxx>
#include <TDocStd_Document.hxx>
#include <TopLoc_Location.hxx>
#include <XCAFApp_Application.hxx>
#include <XCAFDoc_ColorTool.hxx>
#include <XCAFDoc_DocumentTool.hxx>
#include <XCAFDoc_ShapeTool.hxx>
#include <gp_Trsf.hxx>

namespace gt::tools {
namespace {

TopLoc_Location translation(double x, double y, double z) {
  gp_Trsf t;
  t.SetTranslation(gp_Vec(x, y, z));
  return TopLoc_Location(t);
}

TDF_Label addPart(const Handle(XCAFDoc_ShapeTool) & shapes,
                  const Handle(XCAFDoc_ColorTool) & colours, const TopoDS_Shape& shape,
                  const char* name, Quantity_Color colour) {
  const TDF_Label label = shapes->AddShape(shape, false);
  TDataStd_Name::Set(label, name);
  colours->SetColor(label, colour, XCAFDoc_ColorSurf);
  return label;
}

}  // namespace

void writeCadAssembly(const std::filesystem::path& file, CadFileKind kind, double scale) {
  // OCCT's writers report statistics on stdout; tests want quiet output.
  Message::DefaultMessenger()->RemovePrinters(STANDARD_TYPE(Message_PrinterOStream));
  Handle(XCAFApp_Application) app = XCAFApp_Application::GetApplication();
  Handle(TDocStd_Document) doc;
  app->NewDocument("MDTV-XCAF", doc);
  const Handle(XCAFDoc_ShapeTool) shapes = XCAFDoc_DocumentTool::ShapeTool(doc->Main());
  const Handle(XCAFDoc_ColorTool) colours = XCAFDoc_DocumentTool::ColorTool(doc->Main());
  const double s = scale;

  const TDF_Label plate =
      addPart(shapes, colours, BRepPrimAPI_MakeBox(200 * s, 100 * s, 10 * s).Shape(), "BasePlate",
              Quantity_Color(0.8, 0.1, 0.1, Quantity_TOC_RGB));
  const TDF_Label bolt = addPart(shapes, colours, BRepPrimAPI_MakeCylinder(5 * s, 30 * s).Shape(),
                                 "Bolt", Quantity_Color(0.1, 0.2, 0.8, Quantity_TOC_RGB));
  const TDF_Label housing =
      addPart(shapes, colours, BRepPrimAPI_MakeCylinder(30 * s, 60 * s).Shape(), "MotorHousing",
              Quantity_Color(0.1, 0.7, 0.2, Quantity_TOC_RGB));

  const TDF_Label motor = shapes->NewShape();
  TDataStd_Name::Set(motor, "Motor");
  shapes->AddComponent(motor, housing, TopLoc_Location());

  const TDF_Label machine = shapes->NewShape();
  TDataStd_Name::Set(machine, "Machine");
  shapes->AddComponent(machine, plate, TopLoc_Location());
  shapes->AddComponent(machine, bolt, translation(20 * s, 20 * s, 10 * s));
  shapes->AddComponent(machine, bolt, translation(180 * s, 80 * s, 10 * s));
  shapes->AddComponent(machine, motor, translation(100 * s, 50 * s, 10 * s));
  shapes->UpdateAssemblies();

  const std::string name = file.string();
  bool ok = false;
  if (kind == CadFileKind::Step) {
    STEPCAFControl_Writer writer;
    writer.SetColorMode(true);
    writer.SetNameMode(true);
    ok = writer.Transfer(doc, STEPControl_AsIs) && writer.Write(name.c_str()) == IFSelect_RetDone;
  } else {
    IGESCAFControl_Writer writer;
    writer.SetColorMode(true);
    writer.SetNameMode(true);
    ok = writer.Transfer(doc) && writer.Write(name.c_str());
  }
  app->Close(doc);
  if (!ok) throw std::runtime_error(name + ": OCCT could not write the CAD assembly");
}

}  // namespace gt::tools
